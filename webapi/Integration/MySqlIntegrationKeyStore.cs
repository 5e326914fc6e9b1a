using MySqlConnector;

namespace CrmActors.WebApi.Integration;

/// <summary>Integration keys in the crm database (crm_integration_keys, migration 0014): one row per key, the secret's SHA-256 only.</summary>
public sealed class MySqlIntegrationKeyStore(string connectionString) : IIntegrationKeyStore
{
    private const string Columns = "key_id, tenant, source, secret_sha256, created_at, created_by, revoked_at, revoked_by";

    /// <inheritdoc />
    public async Task CreateAsync(IntegrationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            $"INSERT INTO crm_integration_keys ({Columns}) VALUES (@key, @tenant, @source, @hash, @at, @by, NULL, NULL)", connection);
        command.Parameters.AddWithValue("@key", key.KeyId);
        command.Parameters.AddWithValue("@tenant", key.Tenant);
        command.Parameters.AddWithValue("@source", key.Source);
        command.Parameters.AddWithValue("@hash", key.SecretHash);
        command.Parameters.AddWithValue("@at", key.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue("@by", key.CreatedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IntegrationKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM crm_integration_keys WHERE key_id = @key", c => c.Parameters.AddWithValue("@key", keyId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IntegrationKey>> ListAsync(string tenant, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM crm_integration_keys WHERE tenant = @tenant ORDER BY created_at, key_id", c => c.Parameters.AddWithValue("@tenant", tenant), cancellationToken);

    /// <inheritdoc />
    public async Task<IntegrationKey?> RevokeAsync(string tenant, string keyId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(
                "UPDATE crm_integration_keys SET revoked_at = @at, revoked_by = @by WHERE key_id = @key AND tenant = @tenant AND revoked_at IS NULL", connection);
            command.Parameters.AddWithValue("@at", at.UtcDateTime);
            command.Parameters.AddWithValue("@by", revokedBy);
            command.Parameters.AddWithValue("@key", keyId);
            command.Parameters.AddWithValue("@tenant", tenant);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(keyId, cancellationToken) is { } key && key.Tenant == tenant ? key : null;
    }

    private async Task<IReadOnlyList<IntegrationKey>> QueryAsync(string sql, Action<MySqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<IntegrationKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new IntegrationKey(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
                Utc(reader.GetDateTime(4)), reader.GetString(5),
                reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return keys;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
