// Benchmarks print figures and ratios; nothing here asserts a time. Results go to BENCHMARKS.md.
var what = args.Length > 0 ? args[0] : "all";
var rest = args.Skip(1).ToArray();
switch (what)
{
    case "engine":
        Mentia.Bench.EngineBench.Run(rest);
        break;
    case "paper":
        Mentia.Bench.PaperProjection.Run(rest);
        break;
    case "analysis":
        Mentia.Bench.AnalysisBench.Run(rest);
        break;
    case "all":
        Mentia.Bench.AnalysisBench.Run(rest);
        Mentia.Bench.EngineBench.Run(rest);
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{what}': expected engine, analysis, paper or all");
        return 2;
}
return 0;
