namespace Mentia.Core.Sweeps;

/// <summary>
/// Every random draw in Mentia comes from a seed derived here, so any run can be redone bit-for-bit.
///
/// Derivation: a SplitMix64 chain. Start from the sweep seed, then fold in, one at a time, a
/// domain tag and each coordinate (rates as round(p * 1e6), so 0.3 from a range and 0.3 typed by
/// hand give the same seed). Coordinates are values, not grid indices: adding a p_e or an N to a
/// sweep leaves every existing run's seeds unchanged.
///   training seed   = chain(sweepSeed, "train", width, depth, p_t, N, replica)
///   evaluation seed = chain(trainingSeed, "eval", p_e, pass)
///   cell statistics = chain(sweepSeed, "cell", width, depth, p_t, p_e, N); line analysis likewise with "line"
///   sub-streams of a run (subset draw, initialisation, batch order, masks) = chain(runSeed, stream)
/// </summary>
public static class Seeds
{
    private const ulong TrainTag = 0x747261696E; // "train"
    private const ulong EvalTag = 0x6576616C;    // "eval"
    private const ulong CellTag = 0x63656C6C;    // "cell"
    private const ulong LineTag = 0x6C696E65;    // "line"

    /// <summary>Independent random streams within one training run.</summary>
    public enum Stream : ulong
    {
        ValidationSplit = 1,
        Subset = 2,
        Initialisation = 3,
        BatchOrder = 4,
        TrainingMasks = 5,
    }

    public static ulong Training(ulong sweepSeed, int width, int depth, double trainRate, int size, int replica) =>
        Chain(sweepSeed, TrainTag, (ulong)width, (ulong)depth, RateKey(trainRate), (ulong)size, (ulong)replica);

    public static ulong Evaluation(ulong trainingSeed, double evalRate, int pass) =>
        Chain(trainingSeed, EvalTag, RateKey(evalRate), (ulong)pass);

    /// <summary>The bootstrap resampling of one cell's statistics.</summary>
    public static ulong Cell(ulong sweepSeed, int width, int depth, double trainRate, double evalRate, int size) =>
        Chain(sweepSeed, CellTag, (ulong)width, (ulong)depth, RateKey(trainRate), RateKey(evalRate), (ulong)size);

    /// <summary>The random parts of one p_t line's analysis (e.g. the crossing's parametric bootstrap).</summary>
    public static ulong Line(ulong sweepSeed, int width, int depth, double trainRate) =>
        Chain(sweepSeed, LineTag, (ulong)width, (ulong)depth, RateKey(trainRate));

    public static ulong Derive(ulong seed, Stream stream) => Chain(seed, (ulong)stream);

    /// <summary>A seed that fits the signed 64-bit seed APIs (torch.manual_seed, System.Random).</summary>
    public static long ToInt64(ulong seed) => (long)(seed & 0x7FFF_FFFF_FFFF_FFFFUL);

    /// <summary>A seed for System.Random's int constructor.</summary>
    public static int ToInt32(ulong seed) => (int)(seed & 0x7FFF_FFFF);

    internal static ulong RateKey(double rate) => (ulong)Math.Round(rate * 1e6);

    private static ulong Chain(ulong seed, params ReadOnlySpan<ulong> values)
    {
        ulong h = SplitMix64(seed);
        foreach (var v in values)
        {
            h = SplitMix64(h ^ SplitMix64(v + Random.SplitMix64.Gamma));
        }
        return h;
    }

    private static ulong SplitMix64(ulong x) => Random.SplitMix64.Mix(x);
}
