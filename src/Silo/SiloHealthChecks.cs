using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mentia.Silo;

/// <summary>
/// Probes for Kubernetes and for people: startup once the silo has joined, ready while it is active in
/// the cluster, live while its process is not shutting down (a slow training never fails liveness:
/// training runs on the executor's own threads, not the scheduler's).
/// </summary>
public static class SiloHealthChecks
{
    public sealed class Started(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping
                ? HealthCheckResult.Healthy($"silo {oracle.CurrentStatus}")
                : HealthCheckResult.Unhealthy($"silo {oracle.CurrentStatus}"));
    }

    public sealed class Ready(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy("active")
                : HealthCheckResult.Unhealthy($"silo {oracle.CurrentStatus}"));
    }

    public sealed class Live(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Dead
                ? HealthCheckResult.Unhealthy("silo dead")
                : HealthCheckResult.Healthy($"silo {oracle.CurrentStatus}"));
    }
}
