using Mentia.Analysis.Sweeps;
using Mentia.Client.Report;
using Mentia.TestSupport;

namespace Mentia.Client.Tests.Report;

/// <summary>Reports rendered once for the report tests that only read them (rendering every figure takes seconds).</summary>
internal static class SharedReports
{
    private static readonly Lazy<(SweepResults Results, ReportManifest Manifest)> One = new(() =>
    {
        var r = ReportSynthetic.Build();
        return (r, ReportWriter.Write(r, RepoPaths.NewTempFolder("report-one-arch"), new ReportOptions { Curves = ReportSynthetic.Curves() }));
    });

    private static readonly Lazy<(SweepResults Results, ReportManifest Manifest)> Many = new(() =>
    {
        var r = MultiArchSynthetic.Build();
        return (r, ReportWriter.Write(r, RepoPaths.NewTempFolder("report-multi-arch")));
    });

    /// <summary>One architecture, three p_t, with collapses and training curves (<see cref="ReportSynthetic"/>).</summary>
    public static (SweepResults Results, ReportManifest Manifest) OneArchitecture => One.Value;

    /// <summary>Five architectures, four p_t, no collapses (<see cref="MultiArchSynthetic"/>).</summary>
    public static (SweepResults Results, ReportManifest Manifest) FiveArchitectures => Many.Value;
}
