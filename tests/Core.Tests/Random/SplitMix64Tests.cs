using Mentia.Core.Random;
using Xunit;

namespace Mentia.Core.Tests.Random;

public class SplitMix64Tests
{
    [Fact]
    public void The_sequence_from_state_zero_is_the_reference_implementations()
    {
        // Vigna's splitmix64.c with x = 0: the published first outputs. Seeds, masks and bootstraps all rest on these.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Mix(0));
    }
}
