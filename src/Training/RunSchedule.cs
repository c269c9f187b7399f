using Mentia.Core.Specs;

namespace Mentia.Training;

/// <summary>The plateau scheduler (PyTorch ReduceLROnPlateau: mode min, relative threshold 1e-4, no cooldown) and early stopping on the validation loss.</summary>
internal sealed class RunSchedule(TrainingSettings settings)
{
    private const double PlateauThreshold = 1e-4;
    private double _plateauBest = double.PositiveInfinity;
    private int _plateauBad;
    private int _sinceBest;

    public double LearningRate { get; private set; } = settings.LearningRate;
    public double BestLoss { get; private set; } = double.PositiveInfinity;
    public int BestEpoch { get; private set; }
    public int Epoch { get; private set; }

    /// <summary>Records an epoch's validation loss. Improved: keep these weights. Stop: the run is over (and why).</summary>
    public (bool Improved, StopReason? Stop) EndEpoch(double validationLoss)
    {
        Epoch++;
        if (validationLoss < _plateauBest * (1 - PlateauThreshold))
        {
            _plateauBest = validationLoss;
            _plateauBad = 0;
        }
        else if (++_plateauBad > settings.PlateauPatience)
        {
            LearningRate *= settings.PlateauFactor;
            _plateauBad = 0;
        }
        bool improved = validationLoss < BestLoss;
        if (improved)
        {
            BestLoss = validationLoss;
            BestEpoch = Epoch;
            _sinceBest = 0;
        }
        else
        {
            _sinceBest++;
        }
        StopReason? stop = _sinceBest >= settings.EarlyStopPatience ? StopReason.EarlyStopping
            : Epoch >= settings.MaxEpochs ? StopReason.MaxEpochs : null;
        return (improved, stop);
    }
}
