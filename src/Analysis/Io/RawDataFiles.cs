using System.Globalization;
using System.Text;
using Mentia.Core.Records.Raw;
using Parquet.Serialization;

namespace Mentia.Analysis.Io;

/// <summary>
/// The raw data of a sweep as files pandas and pyarrow read directly: passes, runs and curves, each as Parquet
/// (Parquet.Net, typed columns) and as CSV (same columns, invariant culture, round-trip numbers). Column names
/// are the one vocabulary (width, depth, p_t, N, replica, p_e, ...); docs/results.md lists them.
/// </summary>
public static class RawDataFiles
{
    public const string Passes = "passes";
    public const string Runs = "runs";
    public const string Curves = "curves";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes passes, runs and curves (.parquet and .csv) into <paramref name="folder"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(RawData raw, string folder)
    {
        ArgumentNullException.ThrowIfNull(raw);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        files.AddRange(Write(folder, Passes, raw.Passes, PassesCsv));
        files.AddRange(Write(folder, Runs, raw.Runs, RunsCsv));
        files.AddRange(Write(folder, Curves, raw.Epochs, CurvesCsv));
        return files;
    }

    public static IReadOnlyList<PassRow> ReadPasses(string path) => Read<PassRow>(path);

    public static IReadOnlyList<RunRow> ReadRuns(string path) => Read<RunRow>(path);

    public static IReadOnlyList<EpochRow> ReadCurves(string path) => Read<EpochRow>(path);

    public static string PassesCsv(IEnumerable<PassRow> rows)
    {
        var sb = new StringBuilder("width,depth,p_t,N,replica,p_e,pass,loss,accuracy\n");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', r.Width, r.Depth, F(r.TrainRate), r.Size, r.Replica, F(r.EvalRate), r.Pass, F(r.Loss), F(r.Accuracy)));
        }
        return sb.ToString();
    }

    public static string RunsCsv(IEnumerable<RunRow> rows)
    {
        var sb = new StringBuilder("width,depth,p_t,N,replica,seed,epochs,bestEpoch,bestValidationLoss,learningRateDrops,stopReason,wallSeconds,device,worker\n");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', r.Width, r.Depth, F(r.TrainRate), r.Size, r.Replica, r.Seed.ToString(Inv), r.Epochs, r.BestEpoch,
                F(r.BestValidationLoss), r.LearningRateDrops, Quote(r.StopReason), F(r.WallSeconds), Quote(r.Device), Quote(r.Worker)));
        }
        return sb.ToString();
    }

    public static string CurvesCsv(IEnumerable<EpochRow> rows)
    {
        var sb = new StringBuilder("width,depth,p_t,N,replica,epoch,trainLoss,validationLoss,learningRate\n");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', r.Width, r.Depth, F(r.TrainRate), r.Size, r.Replica, r.Epoch, F(r.TrainLoss), F(r.ValidationLoss), F(r.LearningRate)));
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Write<T>(string folder, string stem, IReadOnlyList<T> rows, Func<IEnumerable<T>, string> csv) where T : class, new()
    {
        var parquet = Path.Combine(folder, stem + ".parquet");
        // The CLI is synchronous; the serializer is async only because it may write to a network stream.
        using (var stream = File.Create(parquet))
        {
            ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult();
        }
        var text = Path.Combine(folder, stem + ".csv");
        File.WriteAllText(text, csv(rows));
        return [parquet, text];
    }

    private static IReadOnlyList<T> Read<T>(string path) where T : class, new()
    {
        using var stream = File.OpenRead(path);
        return ParquetSerializer.DeserializeAsync<T>(stream).GetAwaiter().GetResult().Data.ToArray();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("R", Inv) : "";

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
