namespace Mentia.Core.Specs;

/// <summary>
/// A whole sweep as the user wrote it, validated: the grid (widths x depths x p_t x p_e x N),
/// the ensemble sizes (n replicas, m evaluation passes), and the training and analysis settings.
/// Vocabulary: ../shared/docs/science.md.
/// </summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<int> Widths { get; init; }
    public required IReadOnlyList<int> Depths { get; init; }
    /// <summary>Training dropout rates p_t, ascending, each in [0,1).</summary>
    public required IReadOnlyList<double> TrainRates { get; init; }
    /// <summary>Evaluation dropout rates p_e, ascending, each in [0,1).</summary>
    public required IReadOnlyList<double> EvalRates { get; init; }
    /// <summary>Training-set sizes N, ascending.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }
    /// <summary>n: independent training runs per (width, depth, p_t, N).</summary>
    public required int Replicas { get; init; }
    /// <summary>m: evaluation passes per trained model and p_e.</summary>
    public required int Passes { get; init; }
    public TrainingSettings Training { get; init; } = new();
    public AnalysisSettings Analysis { get; init; } = new();
    /// <summary>The hardware the sweep is meant for and its time limit, when the spec declares them (for a warning, never a stop).</summary>
    public BudgetSettings? Budget { get; init; }
    /// <summary>Keys the text spelled in schema 1's vocabulary (e.g. "dropout.train"), read under their current names; warned about.</summary>
    public IReadOnlyList<string> OldKeys { get; init; } = [];
}

/// <summary>
/// The spec's optional <c>budget</c>: the hardware a sweep is meant to run on (devices working at once, each
/// sustaining Gflops GFLOP/s on Mentia's work; BENCHMARKS.md has measured figures) and the hours it may take.
/// </summary>
public sealed record BudgetSettings(double Hours, int Devices, double Gflops);

/// <summary>Whether the validation loss that drives the scheduler and early stopping sees dropout.</summary>
public enum ValidationDropout
{
    /// <summary>Measured without dropout (evaluation mode), the default.</summary>
    Off,
    /// <summary>Measured at the training rate p_t, as training sees it.</summary>
    Train,
}

/// <summary>The training protocol's knobs; defaults are those of science.md.</summary>
public sealed record TrainingSettings
{
    public double LearningRate { get; init; } = 1e-3;
    public int BatchSize { get; init; } = 64;
    public int MaxEpochs { get; init; } = 200;
    public int EarlyStopPatience { get; init; } = 10;
    public int PlateauPatience { get; init; } = 5;
    /// <summary>Multiplies the learning rate when the validation loss stalls.</summary>
    public double PlateauFactor { get; init; } = 0.5;
    /// <summary>Images held out of the 60,000 for early stopping and the scheduler.</summary>
    public int ValidationSize { get; init; } = 10_000;
    public ValidationDropout ValidationDropout { get; init; } = ValidationDropout.Off;
}

/// <summary>Which contour of the chi-squared map gives the FSS error bars.</summary>
public enum ContourKind
{
    /// <summary>factor x chi2_min (the study's toolkit uses 1.3).</summary>
    Factor,
    /// <summary>chi2_min + 1, the textbook choice.</summary>
    PlusOne,
}

/// <summary>The level of the chi2 contour: Factor x chi2_min, or chi2_min + 1.</summary>
public sealed record ContourLevel(ContourKind Kind, double Factor = 1.3)
{
    public static ContourLevel Default { get; } = new(ContourKind.Factor, 1.3);
    public static ContourLevel PlusOne { get; } = new(ContourKind.PlusOne, 1.0);

    public double Level(double chi2Min) => Kind == ContourKind.PlusOne ? chi2Min + 1.0 : Factor * chi2Min;

    public override string ToString() => Kind == ContourKind.PlusOne ? "+1" : $"{Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}x";

    /// <summary>Parses "1.3x" or "+1".</summary>
    public static bool TryParse(string text, out ContourLevel level)
    {
        text = text.Trim();
        if (text == "+1")
        {
            level = PlusOne;
            return true;
        }
        if (text.EndsWith('x') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 1.0 && double.IsFinite(f))
        {
            level = new ContourLevel(ContourKind.Factor, f);
            return true;
        }
        level = Default;
        return false;
    }
}

/// <summary>Finite-size-scaling ansatz at the eumentia-dementia transition.</summary>
public enum FssAnsatz
{
    /// <summary>x = (p_e - p_c) (ln(N/N0))^(1/kappa).</summary>
    Bkt,
    /// <summary>x = (p_e - p_c) N^(1/nu).</summary>
    Algebraic,
}

/// <summary>The analysis' knobs.</summary>
public sealed record AnalysisSettings
{
    /// <summary>B: bootstrap resamples over training runs.</summary>
    public int BootstrapResamples { get; init; } = 1000;
    /// <summary>A cell's phase is decided only where |alpha| exceeds this many standard errors.</summary>
    public double ThresholdSigma { get; init; } = 2.0;
    /// <summary>Relative distance from ln 10 within which a loss counts as chance level (amentia when so at every N).</summary>
    public double ChanceTolerance { get; init; } = 0.05;
    public FssSettings Fss { get; init; } = new();
}

/// <summary>Finite-size-scaling settings.</summary>
public sealed record FssSettings
{
    public IReadOnlyList<FssAnsatz> Ansatzes { get; init; } = [FssAnsatz.Bkt, FssAnsatz.Algebraic];
    /// <summary>The fixed microscopic scale N0 of the BKT ansatz.</summary>
    public double N0 { get; init; } = 1.0;
    public ContourLevel Contour { get; init; } = ContourLevel.Default;
    /// <summary>Optional p_e window [low, high] of the points used in the collapse.</summary>
    public double? WindowLow { get; init; }
    public double? WindowHigh { get; init; }
}
