using System.ComponentModel;
using System.Globalization;
using Mentia.Analysis.Exponents;
using Mentia.Analysis.Io;
using Mentia.Client.Output;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Client.Infrastructure;
using Mentia.Core.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia fss --input FILE.csv --ansatz bkt|algebraic`: finite-size-scaling collapse of plain data from any source.</summary>
public sealed class FssCommand(IAnsiConsole console) : Command<FssCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("The CSV, as an alternative to --input.")]
        public string? File { get; init; }

        [CommandOption("--input <FILE>")]
        [Description("CSV with a header naming p, N, y, dy (any order; extra columns ignored).")]
        public string Input { get; init; } = "";

        /// <summary>The CSV from --input or the argument.</summary>
        public string Path => CsvInput.Path(Input, File);

        [CommandOption("--ansatz <ANSATZ>")]
        [Description("bkt: x = (p - p_c)(ln(N/N0))^(1/kappa); algebraic: x = (p - p_c) N^(1/nu). Default: bkt")]
        public string Ansatz { get; init; } = "bkt";

        [CommandOption("--n0 <X>")]
        [Description("The BKT ansatz' fixed microscopic scale N0 (> 0). Default: 1")]
        public double N0 { get; init; } = 1.0;

        [CommandOption("--window <A,B>")]
        [Description("Only points with A <= p <= B.")]
        public string? Window { get; init; }

        [CommandOption("--contour <LEVEL>")]
        [Description("Error-bar contour: Fx (F x chi2_min, F > 1) or +1 (chi2_min + 1). Default: 1.3x")]
        public string Contour { get; init; } = "1.3x";

        [CommandOption("--map <FILE>")]
        [Description("Write the chi2 map around the minimum as CSV (pc, exponent, chi2).")]
        public string? Map { get; init; }

        [CommandOption("--json")]
        [Description("Print the result as JSON (keys pc, pcErr, kappa|nu, kappaErr|nuErr, chi2, points, contourLevel, ...).")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (CsvInput.Problem(Input, File, "p, N, y, dy") is { } problem)
            {
                return problem;
            }
            if (Ansatz is not ("bkt" or "algebraic"))
            {
                return ValidationResult.Error($"--ansatz: '{Ansatz}' is not allowed; allowed: bkt, algebraic");
            }
            if (!(N0 > 0) || !double.IsFinite(N0))
            {
                return ValidationResult.Error($"--n0: {N0.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: a number > 0");
            }
            if (Window is { } w && !FssOptions.TryParseWindow(w, out _, out _))
            {
                return ValidationResult.Error($"--window: '{w}' is not allowed; allowed: A,B with A < B, e.g. 0.3,0.9");
            }
            if (!ContourLevel.TryParse(Contour, out _))
            {
                return ValidationResult.Error($"--contour: '{Contour}' is not allowed; allowed: +1 or Fx with F > 1, e.g. 1.3x");
            }
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var points = PointsCsv.ReadScalingPoints(settings.Path);
        ContourLevel.TryParse(settings.Contour, out var contour);
        double? low = null, high = null;
        if (settings.Window is { } w && FssOptions.TryParseWindow(w, out var a, out var b))
        {
            (low, high) = (a, b);
        }
        var options = new FssOptions
        {
            Ansatz = settings.Ansatz == "bkt" ? FssAnsatz.Bkt : FssAnsatz.Algebraic,
            N0 = settings.N0,
            Contour = contour,
            WindowLow = low,
            WindowHigh = high,
        };
        var result = FssFitter.Fit(points, options);
        if (settings.Map is { } mapPath && result.Map is { } map)
        {
            Chi2MapCsv.Write(mapPath, map);
        }
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(CliJson.Write(CliJson.Fss(result)));
            return result.Fitted ? ExitCodes.Ok : ExitCodes.Failure;
        }
        if (!result.Fitted)
        {
            console.WriteLine($"no fit: {result.Reason}");
            return ExitCodes.Failure;
        }
        (string Quantity, string Value)[] rows =
        [
            ("ansatz", settings.Ansatz),
            ("p_c", Bounds(result.Pc, result.PcLow, result.PcHigh)),
            (result.ExponentName, Bounds(result.Exponent, result.ExponentLow, result.ExponentHigh)),
            ("chi2 (reduced)", $"{F(result.Chi2)} (poor above {F(result.PoorChi2Threshold)})"),
            ("flags", result.Flags.Count == 0 ? "none" : string.Join(", ", result.Flags)),
            ("points", $"{result.Points} ({result.Sizes} sizes)"),
            ("error contour", $"{result.ContourLevel} (chi2 = {F(result.Chi2Level)})" + (result.ContourOpen ? ", open: errors are lower bounds" : "")),
        ];
        var table = new Table().AddColumns("quantity", "value").HideHeaders();
        foreach (var (quantity, value) in rows)
        {
            table.AddRow(new Text(quantity), new Text(value));
        }
        // A terminal narrower than the table gets "quantity: value" lines: a table would break a number inside its cell.
        if (TableWidth.Of(table) <= console.Profile.Width)
        {
            console.Write(table);
        }
        else
        {
            // Text wraps between words, never inside one: an estimate "0.351 +0.0046/-0.0047" stays whole on a line of 30.
            console.Write(new Text(string.Join('\n', rows.Select(r => $"{r.Quantity}: {r.Value}")) + "\n"));
        }
        return ExitCodes.Ok;
    }

    private static string F(double? x) => x is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    /// <summary>"0.3512 +0.0081/-0.0064": the contour's extent, asymmetric.</summary>
    private static string Bounds(double? v, double? lo, double? hi) =>
        v is { } x && lo is { } l && hi is { } h ? $"{F(x)} +{F(h - x)}/-{F(x - l)}" : F(v);
}

/// <summary>`mentia fit-alpha --input FILE.csv`: the power-law exponent of loss against N, and its phase verdict.</summary>
public sealed class FitAlphaCommand(IAnsiConsole console) : Command<FitAlphaCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("The CSV, as an alternative to --input.")]
        public string? File { get; init; }

        [CommandOption("--input <FILE>")]
        [Description("CSV with a header naming N, y, dy (y: mean loss at size N; dy its error).")]
        public string Input { get; init; } = "";

        /// <summary>The CSV from --input or the argument.</summary>
        public string Path => CsvInput.Path(Input, File);

        [CommandOption("--json")]
        [Description("Print the result as JSON (keys alpha, alphaErr, phase, ...).")]
        public bool Json { get; init; }

        public override ValidationResult Validate() => CsvInput.Problem(Input, File, "N, y, dy") ?? ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var points = PointsCsv.ReadSizePoints(settings.Path);
        var fit = AlphaFit.Fit(points);
        var verdict = PhaseClassifier.Classify(fit, points, new AnalysisSettings());
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(CliJson.Write(CliJson.Alpha(fit, verdict)));
            return fit.Fitted ? ExitCodes.Ok : ExitCodes.Failure;
        }
        if (!fit.Fitted)
        {
            console.WriteLine($"no fit: {fit.Reason}");
            return ExitCodes.Failure;
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alpha = {fit.Alpha:0.####} ± {fit.AlphaErr:0.####} (reduced chi2 {fit.ReducedChi2:0.##}, {fit.Sizes} sizes): {verdict.Phase.ToString().ToLowerInvariant()} ({verdict.Reason})"));
        return ExitCodes.Ok;
    }
}

/// <summary>The CSV of `fss` and `fit-alpha`: given as --input or as the command's argument, not both.</summary>
internal static class CsvInput
{
    public static string Path(string input, string? file) => input.Length > 0 ? input : file ?? "";

    /// <summary>The error to report, or null when exactly one file is named.</summary>
    public static ValidationResult? Problem(string input, string? file, string columns)
    {
        if (string.IsNullOrWhiteSpace(Path(input, file)))
        {
            return ValidationResult.Error($"--input: required (a CSV file with columns {columns}), as --input FILE or as the argument");
        }
        if (input.Length > 0 && file is { } f && f != input)
        {
            return ValidationResult.Error($"--input: '{input}' and the argument '{f}' name two files; give one");
        }
        return null;
    }
}
