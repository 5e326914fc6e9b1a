using CrmActors.Database;
using MySqlConnector;

namespace CrmActors.Integration.Tests.Database;

/// <summary>
/// The grain-state queries exactly as the ADO.NET storage provider calls them (same parameter names, one
/// result row read as NewGrainStateVersion), checking Orleans' optimistic-concurrency contract.
/// </summary>
public sealed class StorageQueryTests : IAsyncLifetime
{
    private ThrowawayDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("stq");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Write_FirstThenNext_MovesVersionOneByOne()
    {
        Assert.Equal(1, await WriteAsync("g1", null, [1]));
        Assert.Equal(2, await WriteAsync("g1", 1, [2]));
        Assert.Equal(3, await WriteAsync("g1", 2, [3]));

        var (payload, version) = await ReadAsync("g1");
        Assert.Equal([3], payload);
        Assert.Equal(3, version);
    }

    [Fact]
    public async Task Write_StaleVersion_ReturnsItUnchangedAndKeepsTheRow()
    {
        await WriteAsync("g1", null, [1]);
        await WriteAsync("g1", 1, [2]);

        var result = await WriteAsync("g1", 1, [9]);

        Assert.Equal(1, result);
        await AssertRowAsync("g1", [2], 2);
    }

    [Fact]
    public async Task Write_SecondFirstWrite_ReturnsNullAndKeepsTheWinner()
    {
        await WriteAsync("g1", null, [1]);

        var loser = await WriteAsync("g1", null, [7]);

        Assert.Null(loser);
        await AssertRowAsync("g1", [1], 1);
    }

    [Fact]
    public async Task Write_PayloadOver64KB_RoundTrips()
    {
        var big = new byte[5 * 1024 * 1024];
        Random.Shared.NextBytes(big);

        await WriteAsync("g1", null, big);

        Assert.Equal(big, (await ReadAsync("g1")).Payload);
    }

    [Fact]
    public async Task Write_SameIdDifferentExtensionOrType_AreSeparateRows()
    {
        await WriteAsync("g1", null, [1]);
        await WriteAsync("g1", null, [2], grainType: "other");
        await WriteAsync("g2", null, [3]);

        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task Clear_CurrentVersion_NullsPayloadAndMovesVersion()
    {
        await WriteAsync("g1", null, [1]);

        var version = await RunAsync("ClearStorageKey", "g1", 1, null);

        Assert.Equal(2, version);
        await AssertRowAsync("g1", null, 2);
        Assert.Equal(1, await RunAsync("ClearStorageKey", "g1", 1, null));
    }

    [Fact]
    public async Task Delete_CurrentVersion_RemovesTheRow()
    {
        await WriteAsync("g1", null, [1]);

        Assert.Equal(0, await RunAsync("DeleteStorageKey", "g1", 0, null));
        Assert.Equal(2, await RunAsync("DeleteStorageKey", "g1", 1, null));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task Write_PooledConnectionReused_DoesNotLeakAnEarlierVersion()
    {
        await WriteAsync("g1", null, [1]);
        await WriteAsync("g1", 1, [2]);

        // Same pool, so likely the same connection: a failed first write must not echo the 2 above.
        var result = await WriteAsync("g1", null, [5]);

        Assert.Null(result);
    }

    private async Task AssertRowAsync(string key, byte[]? payload, int version)
    {
        var row = await ReadAsync(key);
        Assert.Equal(payload, row.Payload);
        Assert.Equal(version, row.Version);
    }

    private Task<int?> WriteAsync(string key, int? version, byte[] payload, string grainType = "lead") =>
        RunAsync("WriteToStorageKey", key, version, payload, grainType);

    private async Task<int?> RunAsync(string queryKey, string key, int? version, byte[]? payload, string grainType = "lead")
    {
        await using var connection = new MySqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(await QueryTextAsync(connection, queryKey), connection);
        AddKey(command, key, grainType);
        command.Parameters.AddWithValue("@GrainStateVersion", version);
        command.Parameters.AddWithValue("@PayloadBinary", payload);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<int?>();
        do
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.IsDBNull(0) ? null : Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        while (await reader.NextResultAsync());

        // The provider reads exactly one row across all result sets.
        return Assert.Single(rows);
    }

    private async Task<(byte[]? Payload, int? Version)> ReadAsync(string key)
    {
        await using var connection = new MySqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(await QueryTextAsync(connection, "ReadFromStorageKey"), connection);
        AddKey(command, key, "lead");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
        var version = reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1);
        Assert.False(await reader.ReadAsync());
        return (payload, version);
    }

    private static void AddKey(MySqlCommand command, string key, string grainType)
    {
        command.Parameters.AddWithValue("@GrainIdHash", key.GetHashCode(StringComparison.Ordinal));
        command.Parameters.AddWithValue("@GrainIdN0", 0L);
        command.Parameters.AddWithValue("@GrainIdN1", 0L);
        command.Parameters.AddWithValue("@GrainTypeHash", grainType.GetHashCode(StringComparison.Ordinal));
        command.Parameters.AddWithValue("@GrainTypeString", grainType);
        command.Parameters.AddWithValue("@GrainIdExtensionString", "acme/" + key);
        command.Parameters.AddWithValue("@ServiceId", "svc");
    }

    private static async Task<string> QueryTextAsync(MySqlConnection connection, string key)
    {
        await using var command = new MySqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @k", connection);
        command.Parameters.AddWithValue("@k", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
