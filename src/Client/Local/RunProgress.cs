using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Client.Local;

/// <summary>
/// How far a local sweep (`mentia run`) has come and how long the rest should take, counted in the units the
/// work is done in: epochs of training (with their validation) and evaluation passes, each weighted by its
/// cost in FLOPs (<see cref="WorkCost"/>), so an epoch at N = 16,000 counts 30 times one at N = 500.
/// How many epochs a run will take is not known until early stopping ends it: a run still training is
/// expected to take as many epochs as the runs that have stopped took on average (training.maxEpochs until
/// one has stopped, so the first estimates err long on the epochs). Training and evaluation run at different
/// speeds per FLOP, so each keeps its own rate (its FLOPs over the time between the events that report it) and
/// ETA = remaining training / training rate + remaining evaluation / evaluation rate (the training rate for both
/// until a run has been evaluated). A rate is the average so far: a phase that slows down (an ensemble thinning
/// as its members stop) makes the ETA short until the rate catches up.
/// Not thread-safe: the engine reports from one thread, and the display reads on that thread.
/// </summary>
public sealed class RunProgress
{
    private readonly TrainingSettings _training;
    private readonly Dictionary<string, (TrainingRun Run, int Epochs, bool Stopped)> _runs;
    private readonly double _evaluationTotal;
    private readonly int _passesPerRun, _rates, _passes;
    private double _trainingDone, _evaluationDone;
    private TimeSpan _lastEvent, _trainingTime, _evaluationTime;
    private int _stopped, _stoppedEpochs;

    public RunProgress(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _training = spec.Training;
        _runs = SweepGrid.Runs(spec).ToDictionary(r => r.Key, r => (r, 0, false), StringComparer.Ordinal);
        _passesPerRun = spec.EvalRates.Count * spec.Passes;
        _rates = spec.EvalRates.Count;
        _passes = spec.Passes;
        _evaluationTotal = _runs.Values.Sum(r => EvaluationCost(r.Run)); // at each run's own width and depth
        PassesTotal = (long)_runs.Count * _passesPerRun;
    }

    /// <summary>Training runs in the sweep.</summary>
    public int RunsTotal => _runs.Count;

    /// <summary>Runs whose training has ended (early stopping or training.maxEpochs).</summary>
    public int RunsTrained => _stopped;

    /// <summary>Epochs trained so far, over all runs.</summary>
    public long Epochs { get; private set; }

    /// <summary>Evaluation passes done so far, and in all (runs x p_e x passes).</summary>
    public long PassesDone { get; private set; }

    public long PassesTotal { get; }

    /// <summary>One member's epoch ended at <paramref name="at"/> since the start (<paramref name="stopped"/>: it was its last).</summary>
    public void EpochEnded(TrainingRun run, int epoch, bool stopped, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(run);
        _trainingTime += Since(at);
        var entry = _runs[run.Key];
        if (entry.Stopped)
        {
            return;
        }
        Epochs += epoch - entry.Epochs;
        _trainingDone += (epoch - entry.Epochs) * WorkCost.Epoch(run, _training);
        if (stopped)
        {
            _stopped++;
            _stoppedEpochs += epoch;
        }
        _runs[run.Key] = (run, epoch, stopped);
    }

    /// <summary>A trained run was evaluated at every p_e with every pass, finishing at <paramref name="at"/> since the start.</summary>
    public void Evaluated(TrainingRun run, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(run);
        _evaluationTime += Since(at);
        PassesDone += _passesPerRun;
        _evaluationDone += EvaluationCost(run);
    }

    /// <summary>Done work over expected work, in [0, 1].</summary>
    public double Fraction
    {
        get
        {
            var total = _trainingDone + _evaluationDone + Remaining();
            return total <= 0 ? 0 : Math.Clamp((_trainingDone + _evaluationDone) / total, 0, 1);
        }
    }

    /// <summary>The expected time to finish, from each phase's rate so far; null before any work is done.</summary>
    public TimeSpan? Eta()
    {
        if (_trainingDone <= 0 || _trainingTime <= TimeSpan.Zero)
        {
            return null;
        }
        double trainingRate = _trainingDone / _trainingTime.TotalSeconds;
        double evaluationRate = _evaluationDone > 0 && _evaluationTime > TimeSpan.Zero ? _evaluationDone / _evaluationTime.TotalSeconds : trainingRate;
        return TimeSpan.FromSeconds(RemainingTraining() / trainingRate + RemainingEvaluation() / evaluationRate);
    }

    /// <summary>The time since the last event, counted for the phase of the event at <paramref name="at"/>.</summary>
    private TimeSpan Since(TimeSpan at)
    {
        var dt = at - _lastEvent;
        _lastEvent = at;
        return dt > TimeSpan.Zero ? dt : TimeSpan.Zero;
    }

    /// <summary>Epochs a run is expected to take in all: the stopped runs' mean, or training.maxEpochs before any stopped.</summary>
    public double ExpectedEpochs => _stopped == 0 ? _training.MaxEpochs : (double)_stoppedEpochs / _stopped;

    private double Remaining() => RemainingTraining() + RemainingEvaluation();

    private double RemainingEvaluation() => Math.Max(_evaluationTotal - _evaluationDone, 0);

    private double RemainingTraining()
    {
        double expected = ExpectedEpochs, remaining = 0;
        foreach (var (run, epochs, stopped) in _runs.Values)
        {
            if (!stopped)
            {
                // A run already past the mean is expected to end soon; at least one more epoch.
                remaining += Math.Max(expected - epochs, 1) * WorkCost.Epoch(run, _training);
            }
        }
        return remaining;
    }

    private double EvaluationCost(TrainingRun run) => WorkCost.EvaluationAsComputed(run.Architecture, _rates, _passes);
}
