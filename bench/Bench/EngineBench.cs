namespace Mentia.Bench;

/// <summary>Owned by the engine work (issue 3): training, ensemble and evaluation throughput.</summary>
public static class EngineBench
{
    public static void Run(string[] args) => throw new NotImplementedException("engine benchmark: issue 3");
}
