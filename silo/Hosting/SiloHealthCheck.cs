using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmActors.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster.</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var self = snapshot.GetSiloStatus(local.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(self == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Active; {active} active silo(s) in the cluster.")
            : HealthCheckResult.Unhealthy($"This silo is {self}."));
    }
}
