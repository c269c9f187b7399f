using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Xunit;

namespace Mentia.Core.Tests.Specs;

/// <summary>
/// A spec may declare its hardware and time limit (`budget`); a grid whose least possible work (evaluation exactly,
/// training at the fewest epochs early stopping allows) exceeds it is accepted with a warning that says so.
/// </summary>
public class SpecBudgetTests
{
    // Width 10, depth 1: 784*10+10 = 7,850 first-layer weights, 10*10+10 = 110 after; 7,960 in all.
    private static SweepSpec Spec(string budget) => SpecReader.Parse($"""
        name: t
        seed: 1
        model: {"{"}widths: [10], depths: [1]{"}"}
        dropout: {"{"}p_t: [0.0, 0.5], p_e: [0.0, 0.25, 0.5, 0.75]{"}"}
        N: [100, 200, 400]
        replicas: 4
        passes: 5
        training: {"{"}maxEpochs: 50, earlyStopPatience: 4, validationSize: 1000{"}"}
        {budget}
        """);

    // Training: 2 p_t x 4 replicas x (100 + 200 + 400) images x 6 FLOPs x 7,960 weights, plus a 1,000-image validation (2 FLOPs per weight)
    // per run and epoch (24 runs), for 1 + 4 = 5 epochs. Evaluation: 24 runs x 2 x 10,000 x (7,850 + 4 p_e x 5 passes x 110).
    private const double TrainingFlops = 5.0 * (8 * 700 * 6.0 * 7960 + 24 * 2.0 * 7960 * 1000);
    private const double EvaluationFlops = 24 * 2.0 * 10_000 * (7850 + 4 * 5 * 110);

    [Fact]
    public void The_lower_bound_counts_evaluation_exactly_and_training_at_its_fewest_epochs()
    {
        var cost = SweepCost.LowerBound(Spec(""));
        Assert.Equal(TrainingFlops, cost.TrainingFlops, 1e-9 * TrainingFlops);
        Assert.Equal(EvaluationFlops, cost.EvaluationFlops, 1e-9 * EvaluationFlops);
        Assert.Equal(5, SweepCost.MinimumEpochs(new TrainingSettings { MaxEpochs = 50, EarlyStopPatience = 4 }));
        Assert.Equal(3, SweepCost.MinimumEpochs(new TrainingSettings { MaxEpochs = 3, EarlyStopPatience = 10 }));
    }

    [Fact]
    public void A_grid_over_its_budget_is_accepted_with_a_warning_that_gives_the_least_time()
    {
        // 0.001 GFLOP/s on 2 devices: (TrainingFlops + EvaluationFlops) / 2e6 s.
        var hours = (TrainingFlops + EvaluationFlops) / 2e6 / 3600;
        var spec = Spec("budget: {hours: 0.5, devices: 2, gflops: 0.001}");
        var w = Assert.Single(SpecWarnings.For(spec));
        Assert.Equal("budget.hours", w.Field);
        Assert.Contains($"at least {hours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} h on 2 device(s) at 0.001 GFLOP/s", w.Message);
        Assert.Contains("over the budget of 0.5 h", w.Message);
        Assert.Contains("training at least 5 epochs per run", w.Message);
    }

    [Fact]
    public void A_grid_within_its_budget_or_without_one_has_no_budget_warning()
    {
        Assert.Empty(SpecWarnings.For(Spec("budget: {hours: 1, gflops: 10}")));
        Assert.Empty(SpecWarnings.For(Spec("")));
        Assert.Null(Spec("").Budget);
        Assert.Equal(new BudgetSettings(1, 1, 10), Spec("budget: {hours: 1, gflops: 10}").Budget);
    }

    [Theory]
    [InlineData("budget: {hours: 1}", "budget.gflops", "required field is missing")]
    [InlineData("budget: {hours: 0, gflops: 10}", "budget.hours", "(0, 100000]")]
    [InlineData("budget: {hours: 1, gflops: 10, devices: 0}", "budget.devices", "[1, 100000]")]
    [InlineData("budget: {hours: 1, gflops: 10, cores: 2}", "budget.cores", "allowed here: hours, devices, gflops")]
    public void A_bad_budget_is_an_error_naming_the_field(string budget, string field, string message)
    {
        var e = Assert.Throws<SpecValidationException>(() => Spec(budget));
        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_budget_round_trips_through_validate_json()
    {
        var spec = Spec("budget: {hours: 12, devices: 3, gflops: 45.5}");
        var again = SpecReader.Parse(SpecJson.Write(spec).ToJsonString());
        Assert.Equal(spec.Budget, again.Budget);
    }
}
