namespace Mentia.GrainInterfaces;

/// <summary>Evaluates one chunk of p_e values of one trained run (key: sweep|run|c{chunk}|d{dispatch}), on any silo.</summary>
[Alias("mentia.IEvaluationGrain")]
public interface IEvaluationGrain : IGrainWithStringKey
{
    /// <summary>The silo that queued the work; or none when its queue is full, or declined with the reason when the silo cannot evaluate at all (the sweep tries again later, elsewhere).</summary>
    [Alias("Start")]
    Task<WorkAnswer> Start(EvaluationWork work);
}
