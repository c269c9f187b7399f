namespace Mentia.Core.Records;

/// <summary>Evaluation of one trained model at each p_e. Pass k at rate p_e draws its masks from Seeds.Evaluation(trainingSeed, p_e, k).</summary>
public sealed record EvaluationResult(IReadOnlyList<RateEvaluation> Rates, int TestImages);
