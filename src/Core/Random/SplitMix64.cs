using System.Runtime.CompilerServices;

namespace Mentia.Core.Random;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the
/// constants of Vigna's reference implementation): a Weyl sequence with increment <see cref="Gamma"/> passed
/// through the <see cref="Finalize"/> mixer. The one copy of it: seeds (<see cref="Mentia.Core.Sweeps.Seeds"/>),
/// the engine's masks and draws, and the analysis' bootstrap all use these functions.
/// </summary>
public static class SplitMix64
{
    /// <summary>The Weyl increment, 2^64 / golden ratio.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The finaliser's two multipliers (vectorised copies of <see cref="Finalize"/> need them).</summary>
    public const ulong M1 = 0xBF58476D1CE4E5B9UL, M2 = 0x94D049BB133111EBUL;

    /// <summary>The finaliser: a bijection of 64-bit words with good avalanche (variant 13 of Stafford's mix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * M1;
        z = (z ^ (z >> 27)) * M2;
        return z ^ (z >> 31);
    }

    /// <summary>One step from <paramref name="x"/>: Finalize(x + γ), without keeping state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x) => Finalize(x + Gamma);

    /// <summary>The next output of the sequential generator whose state is <paramref name="state"/> (advanced by γ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Finalize(state);
    }
}
