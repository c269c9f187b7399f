using Mentia.Client.Commands;
using Mentia.Core.Ledger;
using Mentia.GrainInterfaces;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>`mentia resume` (and submitting a stopped sweep) says exactly what is kept and what will be done; `mentia cancel` what stops and what finishes.</summary>
public class ResumeMessageTests
{
    private static SweepProgress Progress(SweepState state) =>
        new("s-1", "s", state, 12, 3, 0, 2, 7, 0, 70, 96, DateTimeOffset.UnixEpoch, null, 0, null);

    [Fact]
    public void A_resumed_sweep_says_what_is_kept_and_what_is_left()
    {
        var text = ResumeCommand.Describe(new SweepResumed(Progress(SweepState.Running), new ResumePlan(true, 7, 3, 2, 1)));
        Assert.Equal("resumed sweep s-1: 7 finished runs are kept; 3 to train, 2 to finish evaluating; 1 failed runs are tried again", text);
    }

    [Theory]
    [InlineData(SweepState.Running, "sweep s-1 is running: nothing to resume")]
    [InlineData(SweepState.Done, "sweep s-1 is done: nothing to resume")]
    public void A_sweep_that_is_not_stopped_is_left_alone_and_says_so(SweepState state, string expected) =>
        Assert.Equal(expected, ResumeCommand.Describe(new SweepResumed(Progress(state), new ResumePlan(false, 7, 0, 0, 0))));

    [Fact]
    public void A_cancel_says_what_stops_what_finishes_and_how_to_go_on() =>
        Assert.Equal("cancelled sweep s-1: nothing more is dispatched; work already on the silos' devices finishes and is kept; `mentia resume s-1` finishes the rest",
            CancelCommand.Describe(SweepState.Running, Progress(SweepState.Cancelled)));

    [Theory]
    [InlineData(SweepState.Done, "sweep s-1 is already done: nothing to cancel")]
    [InlineData(SweepState.Cancelled, "sweep s-1 is already cancelled: nothing to cancel")]
    public void Cancelling_a_stopped_sweep_says_nothing_changed(SweepState state, string expected) =>
        Assert.Equal(expected, CancelCommand.Describe(state, Progress(state)));

    [Fact]
    public void A_sweep_with_nothing_missing_says_it_is_done() =>
        Assert.EndsWith("(nothing was missing: it is done)",
            ResumeCommand.Describe(new SweepResumed(Progress(SweepState.Done), new ResumePlan(true, 12, 0, 0, 0))));
}
