using CrmActors.Database;
using CrmActors.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace CrmActors.Silo.Hosting;

/// <summary>
/// Whether the database has every migration this build ships. Degraded (still ready) when some are missing, naming them:
/// a release's migrations are applied before its silos start (docs/OPERATIONS.md, "Upgrading"), and a silo started
/// first runs slower or, for a migration its code needs, fails at the first query that needs it. Whether the database
/// answers at all is the database check's to say.
/// </summary>
public sealed class SchemaHealthCheck(IConfiguration configuration) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = configuration.GetConnectionString(DatabaseHealthCheck.ConnectionName);
        if (string.IsNullOrEmpty(connectionString))
        {
            return HealthCheckResult.Healthy("No database configured (in-memory providers).");
        }

        try
        {
            var missing = await new SchemaMigrator(connectionString).MissingAsync(cancellationToken);
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"Every migration this build ships is applied (up to {SchemaMigrator.All[^1].Version}).")
                : HealthCheckResult.Degraded($"The database lacks migrations this build ships: {string.Join(", ", missing)}. Run `crmctl db migrate` with this build.");
        }
        catch (MySqlException ex)
        {
            return HealthCheckResult.Healthy($"Not checked: {ex.Message} (see the database check).");
        }
    }
}
