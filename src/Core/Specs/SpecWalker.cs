// Over 250 lines: every spec field's type, range and message in one walk, so the input contract reads as one
// table; the syntax-level checks live in SpecSyntax.cs.
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mentia.Core.Specs;

/// <summary>Walks the YAML tree field by field; every reader records an error and returns a default rather than throwing.</summary>
internal sealed class SpecWalker
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public List<SpecError> Errors { get; } = [];

    public SweepSpec? ReadSpec(YamlMappingNode root)
    {
        var top = Fields(root, "", ["name", "seed", "model", "dropout", "N", "replicas", "passes", "training", "analysis", "budget"], SpecVocabulary.OldTopKeys);

        var name = Required(top, "name", "", n => Name(n, "name")) ?? "";
        var seed = Required(top, "seed", "", n => ULong(n, "seed")) ?? 0UL;

        var model = Required(top, "model", "", n => Mapping(n, "model"));
        var modelFields = model is null ? new() : Fields(model, "model", ["widths", "depths"]);
        // A missing parent is one error, not one per child.
        var widths = model is null ? [] : Required(modelFields, "widths", "model", n => IntList(n, "model.widths", 1, SpecLimits.MaxWidth)) ?? [];
        var depths = model is null ? [] : Required(modelFields, "depths", "model", n => IntList(n, "model.depths", 1, SpecLimits.MaxDepth)) ?? [];

        var dropout = Required(top, "dropout", "", n => Mapping(n, "dropout"));
        var dropoutFields = dropout is null ? new() : Fields(dropout, "dropout", ["p_t", "p_e"], SpecVocabulary.OldDropoutKeys);
        var trainRates = dropout is null ? [] : Required(dropoutFields, "p_t", "dropout", n => RateList(n, "dropout.p_t")) ?? [];
        var evalRates = dropout is null ? [] : Required(dropoutFields, "p_e", "dropout", n => RateList(n, "dropout.p_e")) ?? [];

        var sizes = Required(top, "N", "", n => IntList(n, "N", 1, 60_000)) ?? [];
        var replicas = Required(top, "replicas", "", n => Int(n, "replicas", 1, SpecLimits.MaxReplicas)) ?? 1;
        var passes = Required(top, "passes", "", n => Int(n, "passes", 1, SpecLimits.MaxPasses)) ?? 1;

        var training = top.TryGetValue("training", out var t) ? ReadTraining(t) : new TrainingSettings();
        var analysis = top.TryGetValue("analysis", out var a) ? ReadAnalysis(a) : new AnalysisSettings();
        var budget = top.TryGetValue("budget", out var bu) ? ReadBudget(bu) : null;

        // Cross-field rule: the training subset and the validation hold-out both come out of the 60,000.
        if (training is not null)
        {
            for (int i = 0; i < sizes.Count; i++)
            {
                if (sizes[i] + training.ValidationSize > 60_000)
                {
                    Add($"N[{i}]", $"{sizes[i]} + training.validationSize {training.ValidationSize} = {sizes[i] + training.ValidationSize} exceeds the 60,000 MNIST training images; allowed: N <= {60_000 - training.ValidationSize}", top["N"]);
                }
            }
        }

        // The total grid, from the lists' lengths only: every caller (spec validate, run, submit, the sweep
        // grain) expands the grid after this returns, so a spec that passes here is one they can expand.
        if (widths.Count > 0 && depths.Count > 0 && trainRates.Count > 0 && evalRates.Count > 0 && sizes.Count > 0
            && SpecGridLimits.Check(widths.Count, depths.Count, trainRates.Count, evalRates.Count, sizes, replicas, passes, (training ?? new TrainingSettings()).MaxEpochs) is { } tooLarge)
        {
            Errors.Add(tooLarge);
        }

        if (Errors.Count > 0)
        {
            return null;
        }
        return new SweepSpec
        {
            Name = name,
            Seed = seed,
            Widths = widths,
            Depths = depths,
            TrainRates = trainRates,
            EvalRates = evalRates,
            Sizes = sizes,
            Replicas = replicas,
            Passes = passes,
            Training = training!,
            Analysis = analysis!,
            OldKeys = [.. OldKeys],
            Budget = budget,
        };
    }

    private TrainingSettings? ReadTraining(YamlNode node)
    {
        if (Mapping(node, "training") is not { } map)
        {
            return null;
        }
        var f = Fields(map, "training", ["learningRate", "batchSize", "maxEpochs", "earlyStopPatience", "plateauPatience", "plateauFactor", "validationSize", "validationDropout"]);
        var d = new TrainingSettings();
        return new TrainingSettings
        {
            LearningRate = Optional(f, "learningRate", n => Double(n, "training.learningRate", 0, 1, lowOpen: true, highOpen: false), d.LearningRate),
            BatchSize = Optional(f, "batchSize", n => Int(n, "training.batchSize", 1, SpecLimits.MaxBatchSize), d.BatchSize),
            MaxEpochs = Optional(f, "maxEpochs", n => Int(n, "training.maxEpochs", 1, SpecLimits.MaxEpochs), d.MaxEpochs),
            EarlyStopPatience = Optional(f, "earlyStopPatience", n => Int(n, "training.earlyStopPatience", 1, SpecLimits.MaxPatience), d.EarlyStopPatience),
            PlateauPatience = Optional(f, "plateauPatience", n => Int(n, "training.plateauPatience", 1, SpecLimits.MaxPatience), d.PlateauPatience),
            PlateauFactor = Optional(f, "plateauFactor", n => Double(n, "training.plateauFactor", 0, 1, lowOpen: true, highOpen: true), d.PlateauFactor),
            ValidationSize = Optional(f, "validationSize", n => Int(n, "training.validationSize", 1, 59_999), d.ValidationSize),
            ValidationDropout = Optional(f, "validationDropout", n => Enum(n, "training.validationDropout", new Dictionary<string, ValidationDropout> { ["off"] = ValidationDropout.Off, ["train"] = ValidationDropout.Train }), d.ValidationDropout),
        };
    }

    private BudgetSettings? ReadBudget(YamlNode node)
    {
        if (Mapping(node, "budget") is not { } map)
        {
            return null;
        }
        var f = Fields(map, "budget", ["hours", "devices", "gflops"]);
        var hours = Required(f, "hours", "budget", n => Double(n, "budget.hours", 0, 100_000, lowOpen: true, highOpen: false));
        var gflops = Required(f, "gflops", "budget", n => Double(n, "budget.gflops", 0, 1_000_000, lowOpen: true, highOpen: false));
        var devices = Optional(f, "devices", n => Int(n, "budget.devices", 1, 100_000), 1);
        return hours is { } h && gflops is { } g ? new BudgetSettings(h, devices, g) : null;
    }

    private AnalysisSettings? ReadAnalysis(YamlNode node)
    {
        if (Mapping(node, "analysis") is not { } map)
        {
            return null;
        }
        var f = Fields(map, "analysis", ["bootstrapResamples", "thresholdSigma", "chanceTolerance", "fss"]);
        var d = new AnalysisSettings();
        var fss = d.Fss;
        if (f.TryGetValue("fss", out var fssNode) && Mapping(fssNode, "analysis.fss") is { } fssMap)
        {
            var ff = Fields(fssMap, "analysis.fss", ["ansatz", "n0", "contour", "window"]);
            var ansatzes = OptionalRef(ff, "ansatz", n => EnumList(n, "analysis.fss.ansatz", new Dictionary<string, FssAnsatz> { ["bkt"] = FssAnsatz.Bkt, ["algebraic"] = FssAnsatz.Algebraic }), fss.Ansatzes);
            var n0 = Optional(ff, "n0", n => Double(n, "analysis.fss.n0", 0, 1e6, lowOpen: true, highOpen: false), fss.N0);
            var contour = OptionalRef(ff, "contour", n => Contour(n, "analysis.fss.contour"), fss.Contour);
            (double Low, double High)? window = ff.TryGetValue("window", out var w) ? Window(w, "analysis.fss.window") : null;
            fss = new FssSettings { Ansatzes = ansatzes, N0 = n0, Contour = contour, WindowLow = window?.Low, WindowHigh = window?.High };
        }
        return new AnalysisSettings
        {
            BootstrapResamples = Optional(f, "bootstrapResamples", n => Int(n, "analysis.bootstrapResamples", 10, SpecLimits.MaxBootstrap), d.BootstrapResamples),
            ThresholdSigma = Optional(f, "thresholdSigma", n => Double(n, "analysis.thresholdSigma", 0, 100, lowOpen: true, highOpen: false), d.ThresholdSigma),
            ChanceTolerance = Optional(f, "chanceTolerance", n => Double(n, "analysis.chanceTolerance", 0, 1, lowOpen: true, highOpen: false), d.ChanceTolerance),
            Fss = fss,
        };
    }

    // ---- structure ----

    /// <summary>Keys of schema 1 read under their current name (and listed in <see cref="OldKeys"/> for a warning).</summary>
    public List<string> OldKeys { get; } = [];

    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string path, string[] allowed, IReadOnlyDictionary<string, string>? oldNames = null)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var writtenAs = new Dictionary<string, string>(StringComparer.Ordinal); // current key -> the name the file used
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "?";
            var written = key;
            if (oldNames is not null && oldNames.TryGetValue(key, out var current))
            {
                // Specs written before the one vocabulary still read (a stored sweep resumes); the warning names the new key.
                OldKeys.Add(Join(path, key));
                key = current;
            }
            var full = Join(path, key);
            if (!allowed.Contains(key))
            {
                Add(full, $"unknown key '{key}'; allowed here: {string.Join(", ", allowed)}", keyNode);
            }
            else if (!result.TryAdd(key, value))
            {
                // Either of the two may be the old name, in either order: say which name the other one is.
                var first = writtenAs[key];
                var old = first != key ? first : written;
                Add(full, first == written ? "given twice" : $"given twice: '{old}' is the old name of '{key}'; keep one", keyNode);
            }
            else
            {
                writtenAs[key] = written;
            }
        }
        return result;
    }

    private T? Required<T>(Dictionary<string, YamlNode> fields, string key, string parent, Func<YamlNode, T?> read)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            Add(Join(parent, key), "required field is missing", null);
            return default;
        }
        return read(node);
    }

    private T Optional<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> read, T fallback) where T : struct =>
        fields.TryGetValue(key, out var node) ? read(node) ?? fallback : fallback;

    private T OptionalRef<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> read, T fallback) where T : class =>
        fields.TryGetValue(key, out var node) ? read(node) ?? fallback : fallback;

    private YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }
        Add(path, $"must be a mapping of keys to values; got {Describe(node)}", node);
        return null;
    }

    /// <summary>What a node is, for "must be X; got Y" messages: the wrong type named, not only the right one.</summary>
    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping (key: value pairs)",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (an empty value)",
        YamlScalarNode { Value: { } v } => $"'{(v.Length > 40 ? v[..40] + "..." : v)}'",
        _ => "something else",
    };

    /// <summary>YAML's empty value: `key:` with nothing after it, `~` or `null` (unquoted).</summary>
    private static bool IsNull(YamlScalarNode s) =>
        s.Style is ScalarStyle.Plain or ScalarStyle.Any && (string.IsNullOrWhiteSpace(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    // ---- scalars ----

    private string? Scalar(YamlNode node, string path, string what)
    {
        if (node is YamlScalarNode { Value: { } v } scalar && !string.IsNullOrWhiteSpace(v) && !IsNull(scalar))
        {
            return v.Trim();
        }
        Add(path, $"must be {what}; got {Describe(node)}", node);
        return null;
    }

    private string? Name(YamlNode node, string path)
    {
        var v = Scalar(node, path, "a non-empty name");
        if (v is null)
        {
            return null;
        }
        if (v.Length > SpecLimits.MaxNameLength || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            Add(path, $"'{v}' is not allowed: use 1..{SpecLimits.MaxNameLength} letters, digits, '-', '_' or '.' (it names storage paths)", node);
            return null;
        }
        return v;
    }

    private ulong? ULong(YamlNode node, string path)
    {
        var v = Scalar(node, path, "a non-negative integer");
        if (v is null)
        {
            return null;
        }
        if (ulong.TryParse(v, NumberStyles.None, Inv, out var x))
        {
            return x;
        }
        Add(path, $"'{v}' is not an integer in [0, {ulong.MaxValue}]", node);
        return null;
    }

    private int? Int(YamlNode node, string path, int min, int max)
    {
        var v = Scalar(node, path, $"an integer in [{min}, {max}]");
        if (v is null)
        {
            return null;
        }
        if (!long.TryParse(v, NumberStyles.AllowLeadingSign, Inv, out var x))
        {
            Add(path, $"'{v}' is not an integer; allowed: integers in [{min}, {max}]", node);
            return null;
        }
        if (x < min || x > max)
        {
            Add(path, $"{x} is out of range; allowed: [{min}, {max}]", node);
            return null;
        }
        return (int)x;
    }

    private double? Double(YamlNode node, string path, double min, double max, bool lowOpen, bool highOpen)
    {
        var range = $"{(lowOpen ? "(" : "[")}{F(min)}, {F(max)}{(highOpen ? ")" : "]")}";
        var v = Scalar(node, path, $"a number in {range}");
        if (v is null)
        {
            return null;
        }
        if (!double.TryParse(v, NumberStyles.Float, Inv, out var x) || !double.IsFinite(x))
        {
            Add(path, $"'{v}' is not a number; allowed: {range}", node);
            return null;
        }
        if (x < min || x > max || (lowOpen && x == min) || (highOpen && x == max))
        {
            Add(path, $"{F(x)} is out of range; allowed: {range}", node);
            return null;
        }
        return x;
    }

    private T? Enum<T>(YamlNode node, string path, Dictionary<string, T> values) where T : struct
    {
        var v = Scalar(node, path, $"one of {string.Join(", ", values.Keys)}");
        if (v is null)
        {
            return null;
        }
        if (values.TryGetValue(v.ToLowerInvariant(), out var x))
        {
            return x;
        }
        Add(path, $"'{v}' is not allowed; allowed: {string.Join(", ", values.Keys)}", node);
        return null;
    }

    private ContourLevel? Contour(YamlNode node, string path)
    {
        var v = Scalar(node, path, "'+1' or a factor such as '1.3x'");
        if (v is null)
        {
            return null;
        }
        if (ContourLevel.TryParse(v, out var level))
        {
            return level;
        }
        Add(path, $"'{v}' is not allowed; allowed: '+1' (chi2_min + 1) or 'Fx' with F > 1 (F x chi2_min), e.g. '1.3x'", node);
        return null;
    }

    // ---- lists ----

    private IReadOnlyList<YamlNode>? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode seq)
        {
            if (seq.Children.Count == 0)
            {
                Add(path, "must not be empty", node);
                return null;
            }
            return seq.Children.ToList();
        }
        Add(path, $"must be a list; got {Describe(node)}", node);
        return null;
    }

    private IReadOnlyList<int>? IntList(YamlNode node, string path, int min, int max)
    {
        if (Sequence(node, path) is not { } items)
        {
            return null;
        }
        var values = new List<int>();
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            if (Int(items[i], $"{path}[{i}]", min, max) is { } x)
            {
                values.Add(x);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? Distinct(values, path, node) : null;
    }

    private IReadOnlyList<T>? EnumList<T>(YamlNode node, string path, Dictionary<string, T> values) where T : struct
    {
        if (node is YamlScalarNode)
        {
            return Enum(node, path, values) is { } one ? [one] : null;
        }
        if (Sequence(node, path) is not { } items)
        {
            return null;
        }
        var result = new List<T>();
        for (int i = 0; i < items.Count; i++)
        {
            if (Enum(items[i], $"{path}[{i}]", values) is { } x && !result.Contains(x))
            {
                result.Add(x);
            }
        }
        return result.Count == items.Count ? result : null;
    }

    /// <summary>A list of rates, or a {from, to, step} range; each rate in [0,1).</summary>
    private IReadOnlyList<double>? RateList(YamlNode node, string path)
    {
        List<double> values = [];
        if (node is YamlMappingNode map)
        {
            var f = Fields(map, path, ["from", "to", "step"]);
            var from = Required(f, "from", path, n => Double(n, path + ".from", 0, 1, lowOpen: false, highOpen: true));
            var to = Required(f, "to", path, n => Double(n, path + ".to", 0, 1, lowOpen: false, highOpen: true));
            var step = Required(f, "step", path, n => Double(n, path + ".step", 0, 1, lowOpen: true, highOpen: true));
            if (from is null || to is null || step is null)
            {
                return null;
            }
            if (to < from)
            {
                Add(path, $"empty range: to {F(to.Value)} is below from {F(from.Value)}", node);
                return null;
            }
            // Counted in whole steps and rounded to 1e-9 so 0.1-steps land on 0.3, not 0.30000000000000004.
            // The count allows 1e-9 of slack so that a `to` on the grid is reached despite rounding; a value
            // that then lies above `to` (or at 1) is dropped: `to` is included exactly when it is on the grid
            // to 9 decimals, and no rate is ever above it (README, "Sweep specs").
            var count = (long)Math.Floor((to.Value - from.Value) / step.Value + 1e-9) + 1;
            if (count > SpecLimits.MaxRangeValues)
            {
                Add(path, $"range expands to {count} values; allowed: at most {SpecLimits.MaxRangeValues}", node);
                return null;
            }
            for (long k = 0; k < count; k++)
            {
                var value = Math.Round(from.Value + k * step.Value, 9);
                if (value <= to.Value && value < 1)
                {
                    values.Add(value);
                }
            }
            if (values.Count == 0)
            {
                Add(path, $"the range holds no rate: from {F(from.Value)} rounds to 1 or above to {F(to.Value)}; allowed: rates in [0, 1)", node);
                return null;
            }
            return SameSeedKey(values, path, node) ? null : values;
        }
        if (Sequence(node, path) is not { } items)
        {
            return null;
        }
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            if (Double(items[i], $"{path}[{i}]", 0, 1, lowOpen: false, highOpen: true) is { } x)
            {
                values.Add(x);
            }
            else
            {
                ok = false;
            }
        }
        if (!ok || Distinct(values, path, node) is not { } distinct)
        {
            return null;
        }
        return SameSeedKey(distinct, path, node) ? null : distinct;
    }

    /// <summary>
    /// Rates enter the seeds as round(p * 1e6) (<see cref="Sweeps.Seeds"/>): two rates closer than that are the
    /// same experiment counted twice. True (and an error naming both) when two rates share a key.
    /// </summary>
    private bool SameSeedKey(IReadOnlyList<double> values, string path, YamlNode node)
    {
        var twins = values.GroupBy(Sweeps.Seeds.RateKey).FirstOrDefault(g => g.Count() > 1);
        if (twins is null)
        {
            return false;
        }
        var pair = twins.Take(2).ToArray();
        Add(path, $"rates {F(pair[0])} and {F(pair[1])} are the same rate to the 1e-6 that seeds resolve (both round(p * 1e6) = {twins.Key}): one experiment would be counted twice; allowed: rates at least 1e-6 apart", node);
        return true;
    }

    private (double Low, double High)? Window(YamlNode node, string path)
    {
        if (Sequence(node, path) is not { } items)
        {
            return null;
        }
        if (items.Count != 2)
        {
            Add(path, $"must be two rates [low, high]; got {items.Count} values", node);
            return null;
        }
        var low = Double(items[0], path + "[0]", 0, 1, false, false);
        var high = Double(items[1], path + "[1]", 0, 1, false, false);
        if (low is null || high is null)
        {
            return null;
        }
        if (low >= high)
        {
            Add(path, $"low {F(low.Value)} must be below high {F(high.Value)}", node);
            return null;
        }
        return (low.Value, high.Value);
    }

    private IReadOnlyList<T>? Distinct<T>(List<T> values, string path, YamlNode node) where T : IComparable<T>
    {
        var dup = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            Add(path, $"value {dup.Key} is listed more than once", node);
            return null;
        }
        values.Sort();
        return values;
    }

    private void Add(string path, string message, YamlNode? node) =>
        Errors.Add(new SpecError(path, message, node is null ? null : (int)node.Start.Line, node is null ? null : (int)node.Start.Column));

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    private static string F(double x) => x.ToString("G", Inv);
}
