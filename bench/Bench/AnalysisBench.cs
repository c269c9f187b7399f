namespace Mentia.Bench;

/// <summary>Owned by the analysis work (issue 4): times the analysis of one p_t line.</summary>
public static class AnalysisBench
{
    public static void Run(string[] args) => throw new NotImplementedException("analysis benchmark: issue 4");
}
