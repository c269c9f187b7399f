using Mentia.Analysis.Scaling;
using Xunit;

namespace Mentia.Analysis.Tests;

public class CollapseChi2Tests
{
    [Fact]
    public void Points_on_a_line_give_zero_in_any_order()
    {
        double[] x = [3, 0, 2, 1, 5];
        var y = x.Select(v => 2 * v - 1).ToArray();
        var dy = x.Select(_ => 0.1).ToArray();
        Assert.Equal(0.0, CollapseChi2.Sum(x, y, dy), 12);
    }

    [Fact]
    public void Matches_a_hand_computation_with_one_sided_ends()
    {
        // Sorted x = 0, 1, 3, 4 with y = 0, 1, 1, 3 and dy = 1, 1, 2, 1.
        double[] x = [0, 1, 3, 4], y = [0, 1, 1, 3], dy = [1, 1, 2, 1];
        // i=0 from points 1,2: t=(0-1)/(3-1)=-1/2: y~ = 1.5*1 - 0.5*1 = 1; var = 1 + 2.25*1 + 0.25*4 = 4.25; (0-1)^2/4.25
        // i=1 from 0,2: t=1/3: y~ = 2/3*0 + 1/3*1 = 1/3; var = 1 + 4/9 + 4/9 = 17/9; (2/3)^2 / (17/9) = 4/17
        // i=2 from 1,3: t=2/3: y~ = 1/3*1 + 2/3*3 = 7/3; var = 4 + 1/9 + 4/9 = 41/9; (4/3)^2 / (41/9) = 16/41
        // i=3 from 1,2: t=(4-1)/2=3/2: y~ = -1/2*1 + 3/2*1 = 1; var = 1 + 1/4 + 9/4*4 = 10.25; 4/10.25
        var expected = 1 / 4.25 + 4.0 / 17 + 16.0 / 41 + 4 / 10.25;
        Assert.Equal(expected, CollapseChi2.Sum(x, y, dy), 12);
        Assert.Equal(expected / 2, CollapseChi2.Reduced(x, y, dy, parameters: 2), 12);
    }

    [Fact]
    public void Ties_in_x_stay_finite_and_deterministic()
    {
        double[] x = [0, 0, 0, 1, 2], y = [1, 1.2, 0.8, 2, 3], dy = [0.1, 0.1, 0.1, 0.1, 0.1];
        var a = CollapseChi2.Sum(x, y, dy);
        Assert.True(double.IsFinite(a));
        Assert.Equal(a, CollapseChi2.Sum(x, y, dy));
    }

    [Fact]
    public void Ties_in_x_give_the_same_chi2_whatever_order_the_points_come_in()
    {
        // Live aggregates hand the fitter cells in arrival order; at p_e = p_c every N collapses onto x = 0.
        double[] x = [0, 0, 0, -1, 1, 2], y = [1, 1.2, 0.8, 0.3, 2, 3], dy = [0.1, 0.2, 0.15, 0.1, 0.1, 0.1];
        var expected = CollapseChi2.Sum(x, y, dy);
        int[][] permutations = [[2, 1, 0, 3, 4, 5], [1, 0, 2, 5, 4, 3], [5, 4, 3, 2, 1, 0]];
        foreach (var p in permutations)
        {
            Assert.Equal(expected, CollapseChi2.Sum(p.Select(i => x[i]).ToArray(), p.Select(i => y[i]).ToArray(), p.Select(i => dy[i]).ToArray()));
        }
    }

    [Fact]
    public void Pure_noise_of_the_stated_size_gives_about_one()
    {
        var rng = new Statistics.DeterministicRandom(4);
        var n = 4000;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var y = x.Select(v => 1 + 0.5 * v + 0.05 * rng.NextGaussian()).ToArray();
        var dy = x.Select(_ => 0.05).ToArray();
        Assert.InRange(CollapseChi2.Reduced(x, y, dy, 2), 0.93, 1.07);
    }

    [Fact]
    public void Too_few_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CollapseChi2.Sum([1, 2], [1, 2], [1, 1]));
        Assert.Throws<ArgumentException>(() => CollapseChi2.Reduced([1, 2, 3], [1, 2, 3], [1, 1, 1], 3));
    }
}
