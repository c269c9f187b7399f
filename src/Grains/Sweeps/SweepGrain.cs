using Mentia.Core.Ledger;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentia.Grains.Sweeps;

/// <summary>
/// A submitted sweep. Its <see cref="SweepLedger"/> decides (which runs to train, what supervision redoes,
/// when the sweep is finished); this grain persists the ledger, owns the timer and the reminder, and makes
/// the calls: training runs to accelerator silos, evaluation chunks to any silo. Results live in the cell
/// aggregates and the stored result records, keyed by run, so a run evaluated twice counts once.
/// This file holds activation and the client's role (ISweepControl); SweepGrain.WorkReports.cs and SweepGrain.Records.cs
/// the executors' and the cells' roles; SweepGrain.Dispatch.cs the supervision and the calls it makes.
/// </summary>
public sealed partial class SweepGrain(
    // "ledger": state written since the ledger (#15); the earlier "sweep" state is not read (README, "Upgrading").
    [PersistentState("ledger", MentiaStorage.GrainState)] IPersistentState<SweepGrainState> state,
    [PersistentState("spec", MentiaStorage.GrainState)] IPersistentState<SweepSpecState> spec,
    IOptions<SweepOptions> options,
    SweepLayouts layouts,
    Telemetry.MentiaMetrics metrics,
    ILogger<SweepGrain> log) : Grain, ISweepGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private readonly SweepOptions _options = options.Value;
    private SweepLayout? _layout;
    private IDisposable? _timer;
    /// <summary>Evaluation reports not yet written: written at most every <see cref="SweepOptions.StateFlushInterval"/> (a crash redoes at most that much).</summary>
    private bool _dirty;
    private DateTimeOffset _lastFlush;
    /// <summary>Why no training could be handed over at the last try, shown in the status while the sweep runs; null once one is.</summary>
    private string? _notDispatched;
    /// <summary>Silos in the cluster at the last supervision: how many chunks a run's evaluation is split into.</summary>
    private int _silos = 1;

    private SweepLedger? Ledger => state.State.Ledger;
    private string? SpecText => spec.State.SpecText;
    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.SpecText is { } inLedgerState)
        {
            // A state written when the spec rode in every ledger write: give it its own state, once (and if a
            // crash came between the two writes, the spec state is already there: only clear the ledger's copy).
            if (spec.State.SpecText is null)
            {
                spec.State.SpecText = inLedgerState;
                await spec.WriteStateAsync(cancellationToken);
            }
            state.State.SpecText = null;
            await state.WriteStateAsync(cancellationToken);
        }
        if (SpecText is { } text && Ledger is not null)
        {
            _layout = layouts.Get(Id, text);
            Ledger.StartClock(DateTimeOffset.UtcNow);
            if (Ledger.IsRunning)
            {
                StartTimer();
            }
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
        metrics.SweepGone(Id);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    // ------------------------------------------------------------------ ISweepControl

    public async Task<SweepProgress> Submit(string specText)
    {
        if (SpecText is { } known && Ledger is not null) // (a spec without a ledger: a submit cut short; it starts again)
        {
            if (known != specText)
            {
                throw new ArgumentException($"sweep {Id} already exists with a different spec");
            }
            // The same spec again: carry on, nothing is redone (a stopped sweep is resumed by Resume). If the first
            // submit was cut short after the ledger changed (a failed write), finish what it left undone.
            await Rearm();
            await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(new SweepListing(Id, state.State.Name, state.State.SubmittedAt));
            return Progress();
        }
        if (SweepIds.Validate(Id) is { } badId)
        {
            throw new ArgumentException($"'{Id}' is not a sweep id: {badId}"); // a client that skipped the CLI's check
        }
        var parsed = SpecReader.Parse(specText, Id); // throws with every problem listed, before anything is stored
        _layout = layouts.Get(Id, specText);
        spec.State.SpecText = specText;
        await spec.WriteStateAsync(); // once: the ledger's frequent writes do not carry it
        state.State.Name = parsed.Name;
        state.State.SubmittedAt = DateTimeOffset.UtcNow;
        state.State.Ledger = SweepLedger.Open(_layout.Runs.Select(r => r.Key), parsed.EvalRates.Count, parsed.Passes);
        state.State.Ledger.StartClock(state.State.SubmittedAt);
        await KeepAwake(); // before the write: if it fails, supervision still runs and the retried submit writes it
        await Save();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(new SweepListing(Id, parsed.Name, state.State.SubmittedAt));
        await Supervise();
        return Progress();
    }

    public Task<SweepProgress> GetProgress() => Task.FromResult(Progress());

    public Task<IReadOnlyList<RunReport>> GetRuns() => Task.FromResult(Ledger?.Report() ?? []);

    public Task<string?> GetSpecText() => Task.FromResult(SpecText);

    public Task<IReadOnlyList<StoredModel>> GetStoredModels() => Task.FromResult(Ledger?.StoredModels() ?? []);

    public async Task Cancel()
    {
        // A retried cancel whose first write failed writes it now (the ledger is already cancelled in memory).
        if (Ledger?.Cancel(DateTimeOffset.UtcNow) == true || (Ledger?.State == SweepState.Cancelled && _dirty))
        {
            await Finish();
        }
    }

    public async Task<SweepResumed> Resume()
    {
        if (Ledger is null || _layout is null)
        {
            throw new ArgumentException($"no sweep '{Id}'");
        }
        var plan = Ledger.Resume(DateTimeOffset.UtcNow);
        if (plan.Resumed)
        {
            log.LogInformation("sweep {Sweep} resumed: {Plan}", Id, plan);
            _dirty = true;
        }
        // Also for a retry whose first try changed the ledger but failed to write it: supervised, then written.
        await Rearm();
        if (Ledger.IsRunning)
        {
            await Supervise();
        }
        return new SweepResumed(Progress(), plan);
    }

    private SweepProgress Progress()
    {
        var s = state.State;
        if (s.Ledger is not { } ledger)
        {
            return new SweepProgress(Id, s.Name, SweepState.Running, 0, 0, 0, 0, 0, 0, 0, 0, s.SubmittedAt, null, 0, null);
        }
        var p = ledger.Progress();
        var progress = new SweepProgress(Id, s.Name, ledger.State, p.Runs, p.Queued, p.Training, p.Evaluating, p.Done, p.Failed,
            p.PassesDone, p.PassesTotal, s.SubmittedAt, ledger.FinishedAt, ledger.Retrained, ledger.Message ?? (ledger.IsRunning ? _notDispatched : null));
        metrics.Sweep(progress); // /metrics shows the sweep as its last reader (or the supervision timer) saw it
        return progress;
    }

    /// <summary>The supervision timer while active, and the durable reminder that reactivates a running sweep after a restart.</summary>
    private async Task KeepAwake()
    {
        StartTimer();
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(Supervise, new GrainTimerCreationOptions(_options.SuperviseInterval, _options.SuperviseInterval));

    /// <summary>A running sweep is supervised (timer and reminder), and whatever the ledger holds that is not written yet is written.</summary>
    private async Task Rearm()
    {
        if (Ledger!.IsRunning)
        {
            await KeepAwake();
        }
        if (_dirty)
        {
            await Save();
        }
    }

    private async Task Save()
    {
        _dirty = true; // until the write succeeds: a failed write is retried by the next flush or the deactivation
        await state.WriteStateAsync();
        _dirty = false;
        _lastFlush = DateTimeOffset.UtcNow;
    }

    private async Task FlushIfDue()
    {
        if (_dirty && DateTimeOffset.UtcNow - _lastFlush >= _options.StateFlushInterval)
        {
            await Save();
        }
    }

    /// <summary>The sweep stopped (done, failed or cancelled): write it, stop the timer and the reminder.</summary>
    private async Task Finish()
    {
        await Save();
        _timer?.Dispose();
        _timer = null;
        await UnregisterReminder();
    }

    private async Task UnregisterReminder()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
