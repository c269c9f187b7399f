using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.GrainInterfaces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia results ID`: every cell's statistics and each line's fits, as CSV or JSON.</summary>
public sealed class ResultsCommand(IAnsiConsole console) : AsyncCommand<ResultsCommand.Settings>
{
    public sealed class Settings : SweepIdSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("csv (cells) or json (everything). Default: json")]
        public string? Format { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Write results.json (chi2 maps in chi2/), cells.csv, alpha.csv, fss.csv, spec.yaml and the raw data (passes, runs, curves: .parquet and .csv) into DIR instead of printing (with --json: their list as JSON).")]
        public string? Out { get; init; }

        /// <summary>What is printed: --format, else json.</summary>
        public bool Csv => Format == "csv";

        public override ValidationResult Validate()
        {
            if (Format is not (null or "csv" or "json"))
            {
                return ValidationResult.Error($"--format: '{Format}' is not allowed; allowed: csv, json");
            }
            // --json promises JSON on stdout; CSV there would break it, so the two are refused together.
            if (Json && Csv)
            {
                return ValidationResult.Error("--format: 'csv' conflicts with --json (JSON on stdout); drop --json, or use --format json");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await settings.ConnectAsync(cancellationToken);
        await settings.SweepAsync(cluster, cancellationToken);
        var analysis = cluster.Client.GetGrain<ISweepAnalysisGrain>(settings.Id);
        var results = await analysis.GetResults();
        if (settings.Out is { } dir)
        {
            // The raw data only for files: printed results stay the aggregate they always were.
            var files = ResultsExport.WriteAll(results, dir, await analysis.GetRawData());
            if (settings.Json)
            {
                JsonOutput.Write(console, new { outDir = Path.GetFullPath(dir), files });
            }
            else
            {
                console.MarkupLine($"{files.Count} files in {Markup.Escape(Path.GetFullPath(dir))}");
            }
        }
        else
        {
            console.Profile.Out.Writer.Write(settings.Csv ? ResultsExport.CellsCsv(results) : ResultsExport.Json(results));
        }
        return ExitCodes.Ok;
    }
}
