using Mentia.Analysis.Phases;
using Xunit;

namespace Mentia.Analysis.Tests;

/// <summary>The verdict from phases along p_e, every outcome built in.</summary>
public class TransitionDetectorTests
{
    private static (double, Phase)[] Line(string phases) =>
        phases.Split(' ').Select((c, k) => (0.1 * k, c switch
        {
            "E" => Phase.Eumentia,
            "D" => Phase.Dementia,
            "A" => Phase.Amentia,
            _ => Phase.Undecided,
        })).ToArray();

    [Fact]
    public void Eumentia_below_and_dementia_above_is_a_transition_located_between_them()
    {
        var v = TransitionDetector.Decide(Line("E E E U D D D"));
        Assert.True(v.Found);
        Assert.Equal(TransitionOutcome.Transition, v.Outcome);
        Assert.Equal(3, v.EumentiaBelow);
        Assert.Equal(3, v.DementiaAbove);
        Assert.Equal(0, v.Against);
        // The bracket is the evidence: from the last E (0.2) to the first D (0.4), the undecided 0.3 inside.
        Assert.Equal(0.2, v.EvalRateBelow!.Value, 12);
        Assert.Equal(0.4, v.EvalRateAbove!.Value, 12);
    }

    [Fact]
    public void Order_does_not_matter_and_one_stray_point_is_tolerated()
    {
        var line = Line("E E D E E U D D D");
        var v = TransitionDetector.Decide(line.Reverse().ToArray());
        Assert.True(v.Found, v.Reason);
        Assert.Equal(1, v.Against);
    }

    [Theory]
    [InlineData("E E E E E E E", TransitionOutcome.OnlyEumentia)]
    [InlineData("E E E E A A A", TransitionOutcome.OnlyEumentia)]
    [InlineData("D D D D D D D", TransitionOutcome.OnlyDementia)]
    [InlineData("A A A A A A A", TransitionOutcome.Amentia)]
    [InlineData("A A A U A A U", TransitionOutcome.Amentia)]
    [InlineData("U U U U U U U", TransitionOutcome.TooNoisy)]
    [InlineData("E D E D E D E D", TransitionOutcome.TooNoisy)]
    [InlineData("E E E E E E D", TransitionOutcome.AtEdge)]
    [InlineData("E D D D D D D", TransitionOutcome.AtEdge)]
    public void No_transition_says_why(string phases, TransitionOutcome expected)
    {
        var v = TransitionDetector.Decide(Line(phases));
        Assert.False(v.Found);
        Assert.Equal(expected, v.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(v.Reason));
        Assert.Null(v.EvalRateBelow);
    }

    [Fact]
    public void A_crossing_only_in_the_last_interval_is_at_the_edge()
    {
        var crossing = new CrossingResult { Found = true, EvalRate = 0.55, Pairs = [], Replicates = 0 };
        var v = TransitionDetector.Decide(Line("E E E E E U"), crossing);
        Assert.Equal(TransitionOutcome.AtEdge, v.Outcome);
        Assert.Contains("last", v.Reason);
    }
}
