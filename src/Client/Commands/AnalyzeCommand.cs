using System.ComponentModel;
using System.Globalization;
using Mentia.Analysis.Sweeps;
using Mentia.Client.Infrastructure;
using Mentia.Client.Output;
using Mentia.Core.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>
/// `mentia analyze CELLS.csv [--spec SPEC] [--out DIR] [--window A,B] [--contour LEVEL]`: every line's
/// analysis and the phase diagrams recomputed from an exported cells.csv, without retraining, written as
/// the same files `mentia results --out` writes. The spec (default: spec.yaml beside the CSV) gives the
/// seed and the analysis settings; --window and --contour override the spec's.
/// </summary>
public sealed class AnalyzeCommand(IAnsiConsole console) : Command<AnalyzeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<CELLS>")]
        [Description("A cells.csv written by `mentia run`, `mentia results --out` or `mentia analyze`.")]
        public string Cells { get; init; } = "";

        [CommandOption("--spec <FILE>")]
        [Description("The sweep spec (seed, analysis settings). Default: spec.yaml beside CELLS")]
        public string? Spec { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where results.json, cells.csv, alpha.csv, fss.csv and spec.yaml go. Default: a folder 'reanalysis' beside CELLS")]
        public string? Out { get; init; }

        [CommandOption("--window <A,B>")]
        [Description("Fit every collapse on A <= p_e <= B instead of the automatic window.")]
        public string? Window { get; init; }

        [CommandOption("--contour <LEVEL>")]
        [Description("Error-bar contour: Fx (F x chi2_min, F > 1) or +1 (chi2_min + 1). Default: the spec's")]
        public string? Contour { get; init; }

        [CommandOption("--json")]
        [Description("Print the boundary rows as JSON instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Window is { } w && !Mentia.Analysis.Scaling.FssOptions.TryParseWindow(w, out _, out _))
            {
                return ValidationResult.Error($"--window: '{w}' is not allowed; allowed: A,B with A < B, e.g. 0.5,0.8");
            }
            if (Contour is { } c && !ContourLevel.TryParse(c, out _))
            {
                return ValidationResult.Error($"--contour: '{c}' is not allowed; allowed: +1 or Fx with F > 1, e.g. 1.3x");
            }
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var cells = CellsCsvReader.Read(settings.Cells);
        var folder = Path.GetDirectoryName(Path.GetFullPath(settings.Cells)) ?? ".";
        var specPath = settings.Spec ?? Path.Combine(folder, "spec.yaml");
        if (!File.Exists(specPath))
        {
            throw new UserInputException($"--spec: {specPath} does not exist; pass the sweep's spec (it gives the seed and analysis settings) with --spec FILE");
        }
        var specText = File.ReadAllText(specPath);
        var spec = SpecReader.ReadFile(specPath);
        var fss = spec.Analysis.Fss;
        if (settings.Window is { } w && Mentia.Analysis.Scaling.FssOptions.TryParseWindow(w, out var lo, out var hi))
        {
            fss = fss with { WindowLow = lo, WindowHigh = hi };
        }
        if (settings.Contour is { } c && ContourLevel.TryParse(c, out var level))
        {
            fss = fss with { Contour = level };
        }
        spec = spec with { Analysis = spec.Analysis with { Fss = fss } };
        Check(spec, cells, settings.Cells, specPath);

        // replicasDone/Total are 0: cells.csv holds the replicas per cell, not the sweep's books; cellsTotal and
        // cellsComplete come from the spec's grid and the cells' replica counts, as for a live sweep.
        var results = SweepAnalyzer.Assemble(spec, specText, "analyzed-" + spec.Name, "reanalysed", 0, 0, cells, SweepAnalyzer.AnalyzeLines(spec, cells));
        var outDir = settings.Out ?? Path.Combine(folder, "reanalysis");
        var files = ResultsExport.WriteAll(results, outDir);
        var rows = BoundaryRows.From(results);
        if (settings.Json)
        {
            JsonOutput.Write(console, new { results.Name, outDir = Path.GetFullPath(outDir), lines = rows });
            return ExitCodes.Ok;
        }
        console.Write(BoundaryRows.Render(rows, console.Profile.Width));
        console.MarkupLine($"{cells.Count} cells re-analysed; {files.Count} files in {Markup.Escape(Path.GetFullPath(outDir))}");
        return ExitCodes.Ok;
    }

    /// <summary>The cells must belong to the spec's grid, or the analysis would silently drop them.</summary>
    private static void Check(SweepSpec spec, IReadOnlyList<CellResult> cells, string cellsPath, string specPath)
    {
        foreach (var cell in cells)
        {
            if (!spec.Widths.Contains(cell.Width) || !spec.Depths.Contains(cell.Depth) || !spec.TrainRates.Contains(cell.TrainRate))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{cellsPath}: the cell (width {cell.Width}, depth {cell.Depth}, p_t {cell.TrainRate}) is not in the grid of {specPath}; pass the spec that produced these cells with --spec"));
            }
        }
    }
}
