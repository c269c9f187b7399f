using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mentia.Silo;

/// <summary>
/// Probes for Kubernetes and for people: startup once the silo has joined, ready while it is active in
/// the cluster, live while its process is not shutting down (a slow training never fails liveness:
/// training runs on the executor's own threads, not the scheduler's).
/// </summary>
public static class SiloHealthChecks
{
    /// <summary>The status and each check's description as plain text ("Unhealthy: ready: MNIST unusable: ..."), so a probe's log says why.</summary>
    public static Task WriteStatusAndReasons(Microsoft.AspNetCore.Http.HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync($"{report.Status}: {string.Join("; ", reasons)}\n");
    }

    public sealed class Started(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping
                ? HealthCheckResult.Healthy($"silo {oracle.CurrentStatus}")
                : HealthCheckResult.Unhealthy($"silo {oracle.CurrentStatus}"));
    }

    /// <summary>Active in the cluster, and its MNIST copy usable (a silo whose data failed its hash says so here, not only in its log).</summary>
    public sealed class Ready(ISiloStatusOracle oracle, Mentia.Grains.Execution.MnistProvider mnist) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            mnist.RetryIfDue(); // an idle silo recovers too once the data is fixed
            return Task.FromResult(
                oracle.CurrentStatus != SiloStatus.Active ? HealthCheckResult.Unhealthy($"silo {oracle.CurrentStatus}")
                : mnist.Problem is { } problem ? HealthCheckResult.Unhealthy($"MNIST unusable: {problem}")
                : HealthCheckResult.Healthy("active"));
        }
    }

    public sealed class Live(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Dead
                ? HealthCheckResult.Unhealthy("silo dead")
                : HealthCheckResult.Healthy($"silo {oracle.CurrentStatus}"));
    }
}
