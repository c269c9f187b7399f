using Mentia.Core.Specs;
using Mentia.Core.Sweeps;

namespace Mentia.Training.Tests;

internal static class TestRuns
{
    public static TrainingRun Run(int width, int depth, double pt, int n, int replica, ulong sweepSeed = 2026) =>
        new(new Architecture(width, depth), pt, n, replica, Seeds.Training(sweepSeed, width, depth, pt, n, replica));

    public static readonly EngineOptions Cpu = new("cpu", 2);

    public static TrainingSettings Quick(int maxEpochs, int validation = 10_000) => new()
    {
        MaxEpochs = maxEpochs,
        ValidationSize = validation,
        EarlyStopPatience = 4,
        PlateauPatience = 2,
    };
}
