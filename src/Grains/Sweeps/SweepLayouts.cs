using System.Collections.Concurrent;
using Mentia.Core.Specs;
using Mentia.GrainInterfaces;

namespace Mentia.Grains.Sweeps;

/// <summary>
/// One <see cref="SweepLayout"/> per sweep per silo, built from the spec the sweep grain holds. A lookup that
/// fails (the sweep's silo was lost mid-call, or nothing is submitted yet) is not kept: the next caller asks again.
/// </summary>
public sealed class SweepLayouts(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SweepLayout>>> _layouts = new();

    public async Task<SweepLayout> GetAsync(string sweepId)
    {
        var entry = _layouts.GetOrAdd(sweepId, id => new Lazy<Task<SweepLayout>>(() => LoadAsync(id)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _layouts.TryRemove(KeyValuePair.Create(sweepId, entry)); // only this failed entry, not a newer one
            throw;
        }
    }

    /// <summary>For the sweep grain itself, which holds the spec text.</summary>
    public SweepLayout Get(string sweepId, string specText)
    {
        var task = _layouts.GetOrAdd(sweepId, id => new Lazy<Task<SweepLayout>>(() => Task.FromResult(Build(id, specText)))).Value;
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }
        // Another grain's lookup, pending or failed: never block the sweep grain on it (that lookup may be
        // waiting for this very grain); build from the text held here and share that.
        var layout = Build(sweepId, specText);
        _layouts[sweepId] = new Lazy<Task<SweepLayout>>(Task.FromResult(layout));
        return layout;
    }

    private async Task<SweepLayout> LoadAsync(string sweepId)
    {
        var text = await grains.GetGrain<ISweepControl>(sweepId).GetSpecText()
            ?? throw new InvalidOperationException($"sweep {sweepId} has no spec");
        return Build(sweepId, text);
    }

    private SweepLayout Build(string sweepId, string text) => new(sweepId, text, SpecReader.Parse(text, sweepId));
}
