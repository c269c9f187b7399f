using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>
/// `mentia spec validate FILE`: checks every field and prints what the sweep will run, and what it cannot
/// deliver (<see cref="SpecWarnings"/>: on stderr, or in the JSON's `warnings`; the exit code stays 0).
/// </summary>
public sealed class SpecValidateCommand(IAnsiConsole console, ErrorConsole errors) : Command<SpecValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("Sweep spec, YAML or JSON.")]
        public string File { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the validated spec (in the spec's own keys, ranges expanded: it validates again as it is) and its grid sizes as JSON; a bad spec as {\"error\": {...}}.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var spec = SpecReader.ReadFile(settings.File);
        // Counted, not expanded: the reader has already held the grid within SpecLimits.
        var size = GridSize.Of(spec);
        var trainings = (long)size.Runs;
        var cells = (long)size.Cells;
        var passes = SweepGrid.EvaluationPasses(spec);
        var warnings = SpecWarnings.For(spec);
        if (settings.Json)
        {
            // The spec in its own keys: `.spec` of this output, saved to a file, validates to the same sweep.
            JsonOutput.Write(console, new { valid = true, spec = SpecJson.Write(spec), replicasTotal = trainings, cellsTotal = cells, passesTotal = passes, warnings });
            return ExitCodes.Ok;
        }
        errors.Warn(warnings);
        console.MarkupLine($"[green]valid[/]: sweep '{Markup.Escape(spec.Name)}', seed {spec.Seed}");
        var table = new Table().AddColumns("axis", "values");
        table.AddRow("width", string.Join(", ", spec.Widths));
        table.AddRow("depth", string.Join(", ", spec.Depths));
        table.AddRow("p_t", Format(spec.TrainRates));
        table.AddRow("p_e", Format(spec.EvalRates));
        table.AddRow("N", string.Join(", ", spec.Sizes));
        table.AddRow("replicas n", spec.Replicas.ToString());
        table.AddRow("passes m", spec.Passes.ToString());
        console.Write(table);
        console.MarkupLine($"{trainings} replicas (training runs), {cells} cells, {passes} evaluation passes; validation loss measured with dropout [bold]{spec.Training.ValidationDropout.ToString().ToLowerInvariant()}[/]");
        return ExitCodes.Ok;
    }

    private static string Format(IReadOnlyList<double> xs) =>
        string.Join(", ", xs.Select(x => x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));
}
