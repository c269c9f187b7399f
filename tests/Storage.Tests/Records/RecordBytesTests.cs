using System.Security.Cryptography;
using Mentia.Core.Records;
using Mentia.Storage.Records;
using Xunit;

namespace Mentia.Storage.Tests.Records;

/// <summary>
/// The stored bytes themselves, pinned: records written by earlier builds must still read, and a refactoring
/// of the codecs must not change what they write (a round trip alone would not notice).
/// </summary>
public class RecordBytesTests
{
    [Fact]
    public void An_evaluation_record_is_written_byte_for_byte_as_before()
    {
        var result = new EvaluationResult([new RateEvaluation(0.25, [0.5, 0.75], [0.875, 0.9375]), new RateEvaluation(0.5, [1.5, 2.25], [0.5, 0.625])], 10000);
        var bytes = EvaluationCodec.Serialize("w8d1/pt0.100/N100/r0", result);
        // The SHA-256 of what the codec at e927a55 (before the codecs moved to Storage) wrote for this record.
        Assert.Equal("075ad2839ebce3172a69d3c7cae0460cf9bdc506fe92bd9a4cca3226e028fafc", Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
