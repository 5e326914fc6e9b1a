using CrmActors.Grains.NextActions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmActors.Silo.Hosting;

/// <summary>Healthy while a next-action model is served; degraded (still ready) when the rule hints answer instead, saying why.</summary>
public sealed class NextActionModelHealthCheck(ModelStore store) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = store.Status;
        return Task.FromResult(status switch
        {
            { Serving: true, Problem: null } => HealthCheckResult.Healthy($"Serving next-action model {status.Version} from {status.Directory}."),
            { Serving: true } => HealthCheckResult.Degraded($"Serving next-action model {status.Version}; {status.Problem}."),
            _ => HealthCheckResult.Degraded($"No next-action model: {status.Problem}."),
        });
    }
}
