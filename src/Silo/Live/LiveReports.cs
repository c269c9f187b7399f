using Mentia.Analysis.Sweeps;
using Mentia.Client.Report;

namespace Mentia.Silo.Live;

/// <summary>
/// The static report (`mentia report`'s index.html and figures) of a sweep as of its latest results, written on
/// first request into a scratch folder and kept while the sweep's replicas done and state stay the same. Drawing
/// it takes seconds of CPU, so it is made only when someone asks, one at a time.
/// </summary>
public sealed class LiveReports : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mentia-live-reports", Guid.NewGuid().ToString("N")[..8]);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The path of <paramref name="file"/> in the report of <paramref name="results"/>, drawing the report first if needed; null when the report has no such file.</summary>
    public async Task<string?> FileAsync(string sweepId, SweepResults results, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(results);
        // Only plain names the report writes: no folders, no way out of the report's own folder.
        if (file.Length == 0 || file != Path.GetFileName(file) || file.StartsWith('.'))
        {
            return null;
        }
        var folder = Path.Combine(_root, sweepId, $"{results.State}-{results.ReplicasDone}");
        await _gate.WaitAsync(ct);
        try
        {
            if (!File.Exists(Path.Combine(folder, "index.html")))
            {
                var sweepFolder = Path.Combine(_root, sweepId);
                if (Directory.Exists(sweepFolder))
                {
                    Directory.Delete(sweepFolder, recursive: true); // an older state's report
                }
                var scratch = folder + ".writing";
                await Task.Run(() => ReportWriter.Write(results, scratch), ct);
                Directory.Move(scratch, folder);
            }
        }
        finally
        {
            _gate.Release();
        }
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : null;
    }

    public void Dispose()
    {
        _gate.Dispose();
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // scratch only: the temp folder's cleaner takes what is left
        }
    }
}
