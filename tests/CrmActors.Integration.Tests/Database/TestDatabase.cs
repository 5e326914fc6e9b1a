using MySqlConnector;

namespace CrmActors.Integration.Tests.Database;

/// <summary>
/// The MariaDB server the integration tests use, named by CRM_TEST_MYSQL (a server-level connection string
/// for a user allowed to create databases; scripts/test.sh starts one). Without it every test here fails:
/// these tests exist to prove behaviour on the real database, so they never skip.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "CRM_TEST_MYSQL";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the suite with scripts/test.sh, which starts a throwaway MariaDB, " +
                $"or set {Variable} to a server connection string of a user who may create databases.");

    /// <summary>A new, empty database with a unique name, dropped when disposed.</summary>
    public static async Task<ThrowawayDatabase> CreateThrowawayDatabaseAsync(string prefix, string? serverConnectionString = null)
    {
        var name = $"crmtest_{prefix}_{Guid.NewGuid():N}"[..40];
        var server = new MySqlConnectionStringBuilder(serverConnectionString ?? ServerConnectionString) { Database = string.Empty };
        await using (var connection = new MySqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", connection);
            await command.ExecuteNonQueryAsync();
        }

        var database = new MySqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new ThrowawayDatabase(name, database.ConnectionString, server.ConnectionString);
    }
}

/// <summary>A test's own database; dropping it on dispose keeps the server clean between tests.</summary>
public sealed class ThrowawayDatabase(string name, string connectionString, string serverConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
        await command.ExecuteNonQueryAsync();
    }
}
