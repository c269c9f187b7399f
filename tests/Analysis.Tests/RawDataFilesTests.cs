using System.Globalization;
using Mentia.Analysis.Io;
using Mentia.Analysis.Scaling;
using Mentia.Core.Records.Raw;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>The raw-data files and the chi2-map files read back to exactly what was written.</summary>
public class RawDataFilesTests
{
    private static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mentia-rawfiles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Parquet_files_round_trip_every_column_of_every_row()
    {
        var passes = new[]
        {
            new PassRow { Width = 64, Depth = 2, TrainRate = 0.3, Size = 1000, Replica = 3, EvalRate = 0.1 + 0.2, Pass = 4, Loss = Math.PI / 7, Accuracy = 0.9731 },
            new PassRow { Width = 8, Depth = 1, TrainRate = 0, Size = 250, Replica = 0, EvalRate = 0.9, Pass = 0, Loss = 2.302585092994046, Accuracy = 0.1 },
        };
        var runs = new[]
        {
            new RunRow { Width = 64, Depth = 2, TrainRate = 0.3, Size = 1000, Replica = 3, Seed = ulong.MaxValue - 5, Epochs = 17, BestEpoch = 12,
                BestValidationLoss = 0.123456789012345, LearningRateDrops = 2, StopReason = "earlyStopping", WallSeconds = 1.5, Device = "cuda:0", Worker = "silo-a, b" },
        };
        var epochs = new[]
        {
            new EpochRow { Width = 64, Depth = 2, TrainRate = 0.3, Size = 1000, Replica = 3, Epoch = 1, TrainLoss = 1.25, ValidationLoss = 0.9, LearningRate = 1e-3 },
        };
        var dir = Folder();
        var files = RawDataFiles.Write(new RawData(passes, runs, epochs), dir);

        Assert.Equal(["passes.parquet", "passes.csv", "runs.parquet", "runs.csv", "curves.parquet", "curves.csv"], files.Select(Path.GetFileName));
        Assert.Equal(Describe(passes), Describe(RawDataFiles.ReadPasses(Path.Combine(dir, "passes.parquet"))));
        Assert.Equal(Describe(runs), Describe(RawDataFiles.ReadRuns(Path.Combine(dir, "runs.parquet"))));
        Assert.Equal(Describe(epochs), Describe(RawDataFiles.ReadCurves(Path.Combine(dir, "curves.parquet"))));
        // The CSV: the vocabulary's names, round-trip numbers, a field with a comma quoted.
        Assert.Equal("width,depth,p_t,N,replica,seed,epochs,bestEpoch,bestValidationLoss,learningRateDrops,stopReason,wallSeconds,device,worker", File.ReadLines(Path.Combine(dir, "runs.csv")).First());
        Assert.EndsWith(",earlyStopping,1.5,cuda:0,\"silo-a, b\"", File.ReadLines(Path.Combine(dir, "runs.csv")).Last());
        var row = File.ReadLines(Path.Combine(dir, "passes.csv")).ElementAt(1).Split(',');
        Assert.Equal(0.1 + 0.2, double.Parse(row[5], CultureInfo.InvariantCulture));
        Assert.Equal(Math.PI / 7, double.Parse(row[7], CultureInfo.InvariantCulture));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_chi2_map_file_reads_back_to_the_same_map_bit_for_bit()
    {
        var map = new Chi2Map("kappa", [0.1, 0.2 + 1e-17, 0.30000000000000004], [0.5, 1.0 / 3, 2.0],
            [[1.5, 2.25, 3], [Math.E, 1e-300, 7], [0.1, 0.2, 0.3]]);
        var path = Path.Combine(Folder(), "m.csv");
        Chi2MapCsv.Write(path, map);
        var read = Chi2MapCsv.Read(path);
        Assert.Equal(map.ExponentName, read.ExponentName);
        Assert.Equal(map.Pc, read.Pc);
        Assert.Equal(map.Exponent, read.Exponent);
        Assert.Equal(map.Chi2.Select(r => r.ToArray()), read.Chi2.Select(r => r.ToArray()));
        File.WriteAllText(path, "pc,kappa,chi2\n0.1,0.5,1\n0.1,0.6,1\n0.2,0.5,1\n");
        Assert.Throws<AnalysisInputException>(() => Chi2MapCsv.Read(path)); // not a full grid
    }

    private static string[] Describe<T>(IEnumerable<T> rows) =>
        rows.Select(r => string.Join('|', typeof(T).GetProperties().Select(p => p.GetValue(r) switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture), // every bit, not a rounded print
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        }))).ToArray();
}
