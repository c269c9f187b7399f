using Mentia.Analysis.Phases;
using Xunit;

namespace Mentia.Analysis.Tests;

public class PhaseBoundariesTests
{
    private static PhaseGrid Grid(double[] pts, double[] pes, Func<double, double, Phase?> phase)
    {
        var cells = new List<(double, double, Phase)>();
        foreach (var pt in pts)
        {
            foreach (var pe in pes)
            {
                if (phase(pt, pe) is { } ph)
                {
                    cells.Add((pt, pe, ph));
                }
            }
        }
        return PhaseGrid.From(cells);
    }

    [Fact]
    public void A_straight_boundary_is_one_segment_halfway_between_rates()
    {
        double[] pts = [0.0, 0.1, 0.2, 0.3], pes = [0.0, 0.1, 0.2, 0.3, 0.4];
        var grid = Grid(pts, pes, (_, pe) => pe < 0.25 ? Phase.Eumentia : Phase.Dementia);

        var lines = PhaseBoundaries.Extract(grid);

        var line = Assert.Single(lines);
        Assert.Equal(Phase.Eumentia, line.First);
        Assert.Equal(Phase.Dementia, line.Second);
        Assert.Equal(2, line.Points.Count);
        Assert.All(line.Points, q => Assert.Equal(0.25, q.EvalRate, 12));
        Assert.Equal([0.0, 0.3], line.Points.Select(q => q.TrainRate).Order().ToArray());
    }

    [Fact]
    public void A_tilted_boundary_is_a_staircase_and_three_phases_meet_at_a_junction()
    {
        double[] pts = [0.0, 0.1, 0.2, 0.3], pes = [0.0, 0.1, 0.2, 0.3];
        // Eumentia below the diagonal, dementia above, amentia at the highest p_t.
        var grid = Grid(pts, pes, (pt, pe) => pt > 0.25 ? Phase.Amentia : pe > pt ? Phase.Dementia : Phase.Eumentia);

        var lines = PhaseBoundaries.Extract(grid);

        var ed = lines.Single(l => l.First == Phase.Eumentia && l.Second == Phase.Dementia);
        // Every vertex of the staircase lies on the cell edges halfway between grid rates.
        Assert.All(ed.Points, q => Assert.Contains(Math.Round(q.EvalRate * 100) / 100, new[] { 0.0, 0.05, 0.15, 0.25, 0.3 }));
        Assert.True(ed.Points.Count >= 4);
        var ends = new[] { ed.Points[0], ed.Points[^1] };
        Assert.Contains(ends, q => q.TrainRate == 0.0);
        Assert.Contains(ends, q => Math.Abs(q.TrainRate - 0.25) < 1e-12);
        Assert.Contains(lines, l => l.First == Phase.Eumentia && l.Second == Phase.Amentia);
        Assert.Contains(lines, l => l.First == Phase.Dementia && l.Second == Phase.Amentia);
        Assert.All(lines.Where(l => l.Second == Phase.Amentia).SelectMany(l => l.Points), q => Assert.Equal(0.25, q.TrainRate, 12));
    }

    [Fact]
    public void Missing_cells_draw_no_boundary_and_an_island_is_a_loop()
    {
        double[] r = [0.0, 0.1, 0.2, 0.3, 0.4];
        var island = Grid(r, r, (pt, pe) => pt == 0.2 && pe == 0.2 ? Phase.Undecided : Phase.Eumentia);
        var loop = Assert.Single(PhaseBoundaries.Extract(island));
        Assert.Equal(5, loop.Points.Count);
        Assert.Equal(loop.Points[0], loop.Points[^1]);

        var holey = Grid(r, r, (pt, pe) => pt == 0.2 && pe == 0.2 ? null : Phase.Eumentia);
        Assert.Empty(PhaseBoundaries.Extract(holey));
        Assert.Null(holey.Phases[2][2]);
    }
}
