using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mentia.GrainInterfaces;

namespace Mentia.Grains.Telemetry;

/// <summary>
/// Mentia's own instruments on the meter <see cref="MeterName"/>, which the silo exports at /metrics beside
/// Orleans' meters: trainings and evaluation passes this silo's device completed, its queue depth and busy
/// fraction, result deliveries retried, and the progress of the sweeps whose grain this silo hosts. Plain
/// System.Diagnostics.Metrics: what exports them (OpenTelemetry's Prometheus exporter) is the silo's choice.
/// </summary>
public sealed class MentiaMetrics : IDisposable
{
    /// <summary>The meter's name: what an exporter subscribes to.</summary>
    public const string MeterName = "Mentia";

    private readonly Meter _meter = new(MeterName, "1.0");
    private readonly Counter<long> _trainings;
    private readonly Counter<long> _passes;
    private long _retries;
    private readonly KeyValuePair<string, object?> _silo;
    private readonly ConcurrentDictionary<string, SweepProgress> _sweeps = new(StringComparer.Ordinal);
    private readonly object _busyLock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _busy;
    private TimeSpan? _busySince;
    // Busy-time samples taken at each observation; the reference is the newest one at least BusyWindow old.
    private readonly Queue<(TimeSpan At, TimeSpan Busy)> _busySamples = new();
    private (TimeSpan At, TimeSpan Busy) _busyReference;

    /// <summary>The trailing window of <c>mentia_device_busy_fraction</c>: one minute, whoever scrapes and how often.</summary>
    public static readonly TimeSpan BusyWindow = TimeSpan.FromMinutes(1);

    /// <param name="silo">This silo's name, a label on every per-silo instrument (Prometheus also adds the scraped pod).</param>
    /// <param name="queueDepth">The device queue's current length.</param>
    public MentiaMetrics(string silo, Func<int> queueDepth)
    {
        ArgumentNullException.ThrowIfNull(queueDepth);
        var tag = _silo = new KeyValuePair<string, object?>("silo", silo);
        _trainings = _meter.CreateCounter<long>("mentia.trainings.completed", "{training}", "Training runs this silo's device completed.");
        _passes = _meter.CreateCounter<long>("mentia.evaluation.passes.completed", "{pass}", "Evaluation passes (one p_e, one mask draw, the 10,000 test images) this silo's device completed.");
        // Observed rather than added to, so the series is there (at 0) before the first retry: an alert on it sees data.
        _meter.CreateObservableCounter("mentia.delivery.retries", () => new Measurement<long>(Interlocked.Read(ref _retries), tag), "{retry}",
            "Retries of result delivery steps (storing weights or results, telling the cells or the sweep).");
        _meter.CreateObservableGauge("mentia.device.queue.depth", () => new Measurement<int>(queueDepth(), tag), "{item}",
            "Work items waiting for this silo's device (evaluation chunks and trainings): what a CPU-silo autoscaler may follow.");
        _meter.CreateObservableGauge("mentia.device.busy.fraction", () => new Measurement<double>(BusyFraction(), tag), "1",
            "The fraction of the last minute (since the silo started, if less) this silo's device spent training or evaluating.");
        _meter.CreateObservableCounter("mentia.device.busy.time", () => new Measurement<double>(BusyTotal().TotalSeconds, tag), "s",
            "Seconds this silo's device spent training or evaluating since the silo started.");
        _meter.CreateObservableGauge("mentia.sweep.replicas", SweepReplicas, "{replica}",
            "Training runs of each running or finished sweep hosted on this silo, by stage (queued, training, evaluating, done, failed).");
        _meter.CreateObservableGauge("mentia.sweep.passes.done", () => _sweeps.Values.Select(p => new Measurement<long>(p.PassesDone, SweepTags(p))), "{pass}",
            "Evaluation passes done of each sweep hosted on this silo.");
        _meter.CreateObservableGauge("mentia.sweep.passes.planned", () => _sweeps.Values.Select(p => new Measurement<long>(p.PassesTotal, SweepTags(p))), "{pass}",
            "Evaluation passes planned of each sweep hosted on this silo.");
    }

    public void TrainingsCompleted(int count) => _trainings.Add(count, _silo);

    public void PassesCompleted(long count) => _passes.Add(count, _silo);

    public void DeliveryRetried() => Interlocked.Increment(ref _retries);

    /// <summary>The device starts a work item; <see cref="DeviceIdle"/> when it is done. A scrape in between counts the time so far.</summary>
    public void DeviceBusy()
    {
        lock (_busyLock)
        {
            _busySince ??= _clock.Elapsed;
        }
    }

    public void DeviceIdle()
    {
        lock (_busyLock)
        {
            if (_busySince is { } since)
            {
                _busy += _clock.Elapsed - since;
                _busySince = null;
            }
        }
    }

    /// <summary>The latest progress of a sweep whose grain is on this silo (the sweep grain calls it whenever it reads its progress).</summary>
    public void Sweep(SweepProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _sweeps[progress.SweepId] = progress;
    }

    /// <summary>The sweep's grain left this silo: another silo reports it now.</summary>
    public void SweepGone(string sweepId) => _sweeps.TryRemove(sweepId, out _);

    private TimeSpan BusyTotal()
    {
        lock (_busyLock)
        {
            return _busy + (_busySince is { } since ? _clock.Elapsed - since : TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Busy time over the trailing <see cref="BusyWindow"/>, from the sample nearest to its start: the same answer for
    /// every scraper (two Prometheus replicas, a curl beside them), where "since the previous scrape" would split the
    /// time between them.
    /// </summary>
    private double BusyFraction() => BusyFraction(_clock.Elapsed, BusyTotal());

    /// <summary>The busy fraction at <paramref name="now"/> with <paramref name="busy"/> busy in all, both since the silo started.</summary>
    internal double BusyFraction(TimeSpan now, TimeSpan busy)
    {
        lock (_busyLock)
        {
            _busySamples.Enqueue((now, busy));
            while (_busySamples.Count > 0 && now - _busySamples.Peek().At >= BusyWindow)
            {
                _busyReference = _busySamples.Dequeue();
            }
            // No sample a window old yet: the reference is the silo's start (0, 0).
            var (at, before) = _busyReference;
            var span = (now - at).TotalSeconds;
            return span <= 0 ? 0 : Math.Clamp((busy - before).TotalSeconds / span, 0, 1);
        }
    }

    private IEnumerable<Measurement<int>> SweepReplicas()
    {
        foreach (var p in _sweeps.Values)
        {
            var sweep = SweepTags(p);
            yield return new Measurement<int>(p.Queued, [sweep[0], sweep[1], new("stage", "queued")]);
            yield return new Measurement<int>(p.Training, [sweep[0], sweep[1], new("stage", "training")]);
            yield return new Measurement<int>(p.Evaluating, [sweep[0], sweep[1], new("stage", "evaluating")]);
            yield return new Measurement<int>(p.Done, [sweep[0], sweep[1], new("stage", "done")]);
            yield return new Measurement<int>(p.Failed, [sweep[0], sweep[1], new("stage", "failed")]);
        }
    }

    private static KeyValuePair<string, object?>[] SweepTags(SweepProgress p) =>
        [new("sweep", p.SweepId), new("state", p.State.ToString().ToLowerInvariant())];

    public void Dispose() => _meter.Dispose();
}
