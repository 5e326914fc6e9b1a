using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmActors.WebApi.Hosting;

/// <summary>Ready when the Orleans client reaches the cluster and the cluster has an active silo.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The management grain's call takes no token; the wait is bounded and cancellable instead.
#pragma warning disable CA2016
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
#pragma warning restore CA2016
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Cluster unreachable: {ex.GetType().Name}");
        }
    }
}
