using Mentia.Grains.Telemetry;
using Xunit;

namespace Mentia.Grains.Tests.Telemetry;

/// <summary>The device's busy fraction is over a trailing minute, the same for every scraper however often each scrapes.</summary>
public class MentiaMetricsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_busy_fraction_is_since_the_start_until_a_minute_has_passed()
    {
        using var metrics = new MentiaMetrics("silo-a", () => 0);
        Assert.Equal(0.5, metrics.BusyFraction(S(10), S(5)), 12);
        Assert.Equal(0.25, metrics.BusyFraction(S(40), S(10)), 12);
    }

    [Fact]
    public void A_second_scraper_does_not_split_the_window_and_an_idle_minute_reads_near_zero()
    {
        using var metrics = new MentiaMetrics("silo-a", () => 0);
        // Busy all the time for 70 s, scraped by one reader every 10 s and by another right after it.
        for (var t = 10; t <= 70; t += 10)
        {
            Assert.Equal(1.0, metrics.BusyFraction(S(t), S(t)), 12);
            Assert.Equal(1.0, metrics.BusyFraction(S(t + 0.5), S(t + 0.5)), 12);
        }
        // Then idle: 80 s later the trailing minute holds no busy time at all.
        Assert.Equal(0.0, metrics.BusyFraction(S(150), S(70.5)), 12);
        // Half busy over the next minute, whichever scraper asks.
        Assert.Equal(0.5, metrics.BusyFraction(S(210), S(100.5)), 12);
        Assert.Equal(0.5, metrics.BusyFraction(S(210), S(100.5)), 12);
    }
}
