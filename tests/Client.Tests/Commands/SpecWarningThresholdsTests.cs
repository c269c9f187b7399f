using Mentia.Analysis.Exponents;
using Mentia.Analysis.Phases;
using Mentia.Analysis.Scaling;
using Mentia.Core.Specs;
using Xunit;

namespace Mentia.Client.Tests.Commands;

/// <summary>Core cannot reference the analysis, so the spec's warnings copy its thresholds; these must not drift apart.</summary>
public class SpecWarningThresholdsTests
{
    [Fact]
    public void The_spec_warnings_use_the_analysis_thresholds()
    {
        Assert.Equal(AlphaFit.MinimumSizes, SpecWarnings.MinimumSizes);
        Assert.Equal(CollapseQuality.MinimumRuns, SpecWarnings.MinimumRuns);
        Assert.Equal(TransitionDetector.MinimumPerSide, SpecWarnings.MinimumPerSide);
    }
}
