using System.Diagnostics;
using System.Text;
using Mentia.Core.Specs;
using Mentia.Core.Sweeps;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Core.Tests.Specs;

/// <summary>
/// Bounded input: the total grid is refused from the lists' lengths before anything is expanded, with the
/// projected cost and the limit; a spec over 1 MiB is refused before it is parsed, from a file or as text.
/// </summary>
public class SpecSizeLimitsTests
{
    /// <summary>A spec whose every field is within its own range: 1,000 sizes x 1,000 p_t x 1,000 replicas = a billion runs.</summary>
    private static string HugeGrid()
    {
        var sizes = string.Join(", ", Enumerable.Range(1, 1000).Select(i => i * 10));
        return $$"""
            name: huge
            seed: 1
            model: {widths: [10], depths: [2]}
            dropout: {p_t: {from: 0.0, to: 0.999, step: 0.001}, p_e: [0.0, 0.5, 0.9]}
            N: [{{sizes}}]
            replicas: 1000
            passes: 5
            """;
    }

    /// <summary>The same lists with 1 replica and 1 p_e: a million runs and a million cells, both exactly at their limits.</summary>
    private static string AtRunLimit() => HugeGrid().Replace("replicas: 1000", "replicas: 1").Replace("p_e: [0.0, 0.5, 0.9]", "p_e: [0.0]");

    [Fact]
    public void A_huge_grid_is_refused_quickly_with_little_memory_naming_the_fields_the_cost_and_the_limit()
    {
        var text = HugeGrid();
        SpecReader.Parse(AtRunLimit()); // warm up the parser: the measurement is of the check
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(text, "huge.yaml"));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var error = Assert.Single(e.Errors);
        Assert.Equal("(grid)", error.Path);
        Assert.Contains("1,000,000,000 training runs (model.widths 1 x model.depths 1 x dropout.p_t 1,000 x N 1,000 x replicas 1,000) exceed the limit of 1,000,000", error.Message);
        Assert.Contains("15,000,000,000 evaluation passes (training runs x dropout.p_e 3 x passes 5) exceed the limit of 10,000,000,000", error.Message);
        Assert.Contains("sample-epochs of training", error.Message);
        // Expanding a billion runs took 8 GB and did not finish; the check costs what parsing the text costs.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(allocated < 64L << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Cells_are_limited_even_when_runs_are_not()
    {
        // 1,000 p_t x 1,000 sizes x 1 replica is a million runs (at the limit), but with 5 p_e it is five million cells.
        var text = HugeGrid().Replace("replicas: 1000", "replicas: 1").Replace("p_e: [0.0, 0.5, 0.9]", "p_e: [0.0, 0.2, 0.4, 0.6, 0.8]");
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(text));
        var error = Assert.Single(e.Errors);
        Assert.Contains("5,000,000 cells", error.Message);
        Assert.Contains("exceed the limit of 1,000,000", error.Message);
        Assert.DoesNotContain("training runs (", error.Message); // runs are within their limit and not blamed
    }

    [Fact]
    public void A_grid_at_the_run_limit_is_accepted_and_counted_without_expansion()
    {
        var spec = SpecReader.Parse(AtRunLimit());
        var size = GridSize.Of(spec);
        Assert.Equal(SpecLimits.MaxRuns, size.Runs);
        Assert.Equal(SpecLimits.MaxCells, size.Cells);
        Assert.Equal(SweepGrid.EvaluationPasses(spec), size.EvaluationPasses);
    }

    [Theory]
    [InlineData("paper.yaml")]
    [InlineData("study-lite.yaml")]
    [InlineData("quick.yaml")]
    public void The_shipped_sweeps_fit_with_room_to_spare(string file)
    {
        var spec = SpecReader.ReadFile(Path.Combine(RepoPaths.Root, "examples", file));
        var size = GridSize.Of(spec);
        // Counting agrees with expanding, and the largest real sweep is far from every limit.
        Assert.Equal(SweepGrid.Runs(spec).Count, size.Runs);
        Assert.Equal(SweepGrid.Cells(spec).Count, size.Cells);
        Assert.True(size.Runs * 100 < SpecLimits.MaxRuns && size.Cells * 100 < SpecLimits.MaxCells && size.EvaluationPasses * 100 < SpecLimits.MaxEvaluationPasses,
            $"{file}: {size}");
    }

    [Fact]
    public void Sample_epochs_bound_the_training_cost()
    {
        var size = GridSize.Of(2, 3, 4, 5, [100, 1000], 6, 7, 40);
        Assert.Equal(2 * 3 * 4 * 2 * 6, size.Runs);
        Assert.Equal(2 * 3 * 4 * 5 * 2, size.Cells);
        Assert.Equal(2.0 * 3 * 4 * 2 * 6 * 5 * 7, size.EvaluationPasses);
        Assert.Equal(2.0 * 3 * 4 * 6 * (100 + 1000) * 40, size.SampleEpochs);
    }

    /// <summary>quick.yaml padded with a comment to <paramref name="bytes"/> bytes: valid YAML of exactly that size.</summary>
    private static string Padded(int bytes)
    {
        var spec = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "quick.yaml"));
        var prefix = "#";
        return prefix + new string('x', bytes - spec.Length - prefix.Length - 1) + "\n" + spec;
    }

    [Fact]
    public void A_spec_file_over_one_mebibyte_is_refused_before_it_is_read()
    {
        var folder = RepoPaths.NewTempFolder("spec-size");
        var atLimit = Path.Combine(folder, "at-limit.yaml");
        File.WriteAllText(atLimit, Padded(SpecLimits.MaxSpecBytes));
        Assert.Equal(SpecLimits.MaxSpecBytes, new FileInfo(atLimit).Length);
        Assert.Equal("quick", SpecReader.ReadFile(atLimit).Name);

        var over = Path.Combine(folder, "over.yaml");
        File.WriteAllText(over, Padded(SpecLimits.MaxSpecBytes + 1));
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.ReadFile(over));
        var error = Assert.Single(e.Errors);
        Assert.Equal("(file)", error.Path);
        Assert.Contains($"is 1,048,577 bytes; a spec is at most 1,048,576 bytes (1 MiB)", error.Message);
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Spec_text_over_one_mebibyte_is_refused_by_the_parse_entry_point_too()
    {
        // What a grain is handed by a client that skipped the CLI's checks: a 50 MB spec.
        var huge = Padded(50 << 20);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(huge, "sweep x"));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal("(file)", Assert.Single(e.Errors).Path);
        Assert.Contains("the spec text is at least 52,428,800 bytes; a spec is at most 1,048,576 bytes", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes: the text was parsed");

        // Multi-byte characters count as bytes: 600,000 'é' are 1.2 MB of UTF-8 in 600,000 chars.
        var wide = "# " + new string('\u00e9', 600_000) + "\n" + File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "quick.yaml"));
        var w = Assert.Throws<SpecValidationException>(() => SpecReader.Parse(wide));
        Assert.Contains($"the spec text is {Encoding.UTF8.GetByteCount(wide):N0} bytes", w.Message);
    }
}
