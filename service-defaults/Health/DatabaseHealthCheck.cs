using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace CrmActors.ServiceDefaults.Health;

/// <summary>
/// Readiness of the MySQL/MariaDB database named by the "crm" connection string: one round trip.
/// A host running on in-memory providers has no such connection string and reports healthy, saying so.
/// </summary>
public sealed class DatabaseHealthCheck(IConfiguration configuration) : IHealthCheck
{
    /// <summary>The connection string name every CrmActors process reads.</summary>
    public const string ConnectionName = "crm";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrEmpty(connectionString))
        {
            return HealthCheckResult.Healthy("No database configured (in-memory providers).");
        }

        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("Database answered.");
        }
        catch (MySqlException ex)
        {
            return HealthCheckResult.Unhealthy($"Database unreachable: {ex.Message}");
        }
    }
}
