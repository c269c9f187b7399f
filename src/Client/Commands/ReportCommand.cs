using System.ComponentModel;
using System.Globalization;
using Mentia.Analysis.Io;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Client.Report;
using Mentia.Core.Records.Raw;
using Mentia.Core.Sweeps;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia report ID|RESULTS.json --out DIR`: every figure as PNG, SVG and PDF, and an index.html that shows them.</summary>
public sealed class ReportCommand(IAnsiConsole console) : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<ID|RESULTS.json>")]
        [Description("A results.json written by `mentia run` or `mentia results --out` (works offline), or the id of a sweep on a running cluster.")]
        public string Source { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Where the figures and index.html go. Default: report/<sweep name>")]
        public string? Out { get; init; }

        [CommandOption("--loglog-pe <RATES>")]
        [Description("Comma-separated p_e values of the log-log <L>(N) figures. Default: up to 5 spread over the p_e range")]
        public string? LogLogRates { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Source))
            {
                return ValidationResult.Error("ID|RESULTS.json: give a results.json file or a sweep id");
            }
            if (LogLogRates is not null && ParseRates(LogLogRates) is null)
            {
                return ValidationResult.Error($"--loglog-pe: '{LogLogRates}' is not a comma-separated list of rates in [0, 1) (e.g. 0.1,0.5,0.8)");
            }
            return base.Validate();
        }

        internal static IReadOnlyList<double>? ParseRates(string text)
        {
            var list = new List<double>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v is < 0 or >= 1)
                {
                    return null;
                }
                list.Add(v);
            }
            return list.Count > 0 ? list : null;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (results, curves) = File.Exists(settings.Source)
            ? (ResultsExport.ReadJson(settings.Source), CurvesBeside(settings.Source))
            : await FromCluster(settings, cancellationToken);
        var outDir = settings.Out ?? Path.Combine("report", results.Name);
        var options = new ReportOptions { PowerLawEvalRates = settings.LogLogRates is { } r ? Settings.ParseRates(r) : null, Curves = curves };
        var manifest = ReportWriter.Write(results, outDir, options);
        if (settings.Json)
        {
            JsonOutput.Write(console, manifest);
        }
        else
        {
            console.MarkupLine($"{manifest.Figures.Count} figures (PNG, SVG and PDF) of sweep [bold]{Markup.Escape(results.Name)}[/] ({Markup.Escape(results.State)}, {results.ReplicasDone}/{results.ReplicasTotal} replicas)");
            foreach (var gap in manifest.Missing)
            {
                console.Profile.Out.Writer.WriteLine($"not in this report: {gap}");
            }
            console.MarkupLine($"open {Markup.Escape(Path.GetFullPath(manifest.Index))}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The training curves written beside a results.json (curves.parquet), or none: older folders and `mentia analyze` have none.</summary>
    private static IReadOnlyList<EpochRow>? CurvesBeside(string resultsPath)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, RawDataFiles.Curves + ".parquet");
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return RawDataFiles.ReadCurves(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new UserInputException($"{path}: not a Mentia curves file ({e.Message})");
        }
    }

    /// <summary>Not a file: a sweep id, when it looks like one; then the cluster must know it.</summary>
    private static async Task<(SweepResults, IReadOnlyList<EpochRow>?)> FromCluster(Settings settings, CancellationToken ct)
    {
        var s = settings.Source;
        // A path that names no file is not an id either: the same rule as every command that takes an id (SweepIds).
        if (s.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || SweepIds.Validate(s) is not null)
        {
            throw new UserInputException($"ID|RESULTS.json: {SweepIds.Quote(s)} is neither an existing results file nor a sweep id ({(SweepIds.Validate(s) is { } problem ? $"as an id: {problem}" : "it ends in .json")}); sweep ids are {SweepIds.Allowed}", "ID|RESULTS.json");
        }
        await using var cluster = await settings.ConnectAsync(ct);
        if (await cluster.Client.GetGrain<ISweepControl>(s).GetSpecText().WaitAsync(ct) is null)
        {
            throw new UserInputException($"ID|RESULTS.json: '{s}' is not an existing file, and the cluster has no sweep '{s}' (see `mentia list`)");
        }
        var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(s);
        return (await analysis.GetResults(), (await analysis.GetRawData()).Epochs);
    }
}
