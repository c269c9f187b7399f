using System.Net;
using Mentia.Silo;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>A local-mode silo says at start, in one warning line, that its primary is a single point of failure; a cluster-mode silo says nothing.</summary>
public class LocalModeWarningTests
{
    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Text)> Logged { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logged.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public void The_primary_of_a_local_cluster_warns_once_that_it_is_a_single_point_of_failure()
    {
        var log = new Lines();
        LocalModeWarning.Log(log, new SiloSettings { Mode = "local", SiloPort = 11111 });
        var (level, text) = Assert.Single(log.Logged);
        Assert.Equal(LogLevel.Warning, level);
        Assert.DoesNotContain('\n', text);
        Assert.Contains("this silo is the primary (127.0.0.1:11111)", text);
        Assert.Contains("single point of failure", text);
        Assert.Contains("MENTIA_MODE=cluster", text);
    }

    [Fact]
    public void A_silo_that_joins_a_local_cluster_names_the_primary_it_depends_on()
    {
        var text = LocalModeWarning.For(new SiloSettings { Mode = "local", Primary = new IPEndPoint(IPAddress.Loopback, 11111), SiloPort = 11112 });
        Assert.NotNull(text);
        Assert.Contains("depends on the primary at 127.0.0.1:11111", text);
    }

    [Fact]
    public void Cluster_mode_has_no_such_silo_and_logs_nothing()
    {
        var log = new Lines();
        LocalModeWarning.Log(log, new SiloSettings { Mode = "cluster" });
        Assert.Empty(log.Logged);
    }
}
