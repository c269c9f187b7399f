using System.Globalization;
using Mentia.Analysis.Exponents;
using Mentia.Core.Specs;

namespace Mentia.Analysis.Phases;

/// <summary>
/// The rule of science.md with one deliberate change of order: a cell whose loss is within
/// chanceTolerance (relative) of ln 10 for every N is amentia first. With enough replicas the loss
/// at chance is measured so precisely that an alpha of -0.0005 is "significant" (seen on real MNIST
/// at p_t = 0.95), yet such a network has learned nothing that more data improves: it is the
/// amentia phase the study describes. Elsewhere the sign of alpha decides where |alpha| exceeds
/// thresholdSigma standard errors, and the cell is undecided otherwise.
/// </summary>
public static class PhaseClassifier
{
    /// <summary>Cross-entropy of a uniform guess over the 10 classes.</summary>
    public static readonly double ChanceLoss = Math.Log(10.0);

    public static PhaseClassification Classify(AlphaFitResult fit, IReadOnlyList<SizePoint> points, AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Classify(fit, points, settings.ThresholdSigma, settings.ChanceTolerance);
    }

    public static PhaseClassification Classify(AlphaFitResult fit, IReadOnlyList<SizePoint> points, double thresholdSigma, double chanceTolerance)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(points);
        if (!fit.Fitted || fit.Alpha is not { } alpha || fit.AlphaErr is not { } err)
        {
            return new PhaseClassification(Phase.Undecided, $"no alpha: {fit.Reason}", null);
        }
        var z = alpha / err;
        var zText = z.ToString("0.0#", CultureInfo.InvariantCulture);
        var t = thresholdSigma.ToString("0.0#", CultureInfo.InvariantCulture);
        if (points.Count > 0 && points.All(p => IsChance(p.Y, chanceTolerance)))
        {
            return new PhaseClassification(Phase.Amentia, $"loss at chance level for every N (alpha {alpha.ToString("0.####", CultureInfo.InvariantCulture)}, {zText} standard errors)", z);
        }
        if (z < -thresholdSigma)
        {
            return new PhaseClassification(Phase.Eumentia, $"alpha < 0 by {zText[1..]} standard errors (threshold {t})", z);
        }
        if (z > thresholdSigma)
        {
            return new PhaseClassification(Phase.Dementia, $"alpha > 0 by {zText} standard errors (threshold {t})", z);
        }
        return new PhaseClassification(Phase.Undecided, $"alpha compatible with 0 ({zText} standard errors) but loss not at chance level for every N", z);
    }

    public static bool IsChance(double loss, double chanceTolerance) => Math.Abs(loss - ChanceLoss) <= chanceTolerance * ChanceLoss;
}
