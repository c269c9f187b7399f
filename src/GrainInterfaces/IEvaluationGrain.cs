namespace Mentia.GrainInterfaces;

/// <summary>Evaluates one chunk of p_e values of one trained run (key: sweep|run|c{chunk}|d{dispatch}), on any silo.</summary>
[Alias("mentia.IEvaluationGrain")]
public interface IEvaluationGrain : IGrainWithStringKey
{
    /// <summary>The silo that queued the work, or null when its queue is full (the sweep tries again later).</summary>
    [Alias("Start")]
    Task<string?> Start(EvaluationWork work);
}
