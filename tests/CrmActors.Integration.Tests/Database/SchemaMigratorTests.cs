using CrmActors.Database;
using MySqlConnector;

namespace CrmActors.Integration.Tests.Database;

public sealed class SchemaMigratorTests
{
    /// <summary>Every query key Orleans 10.4's ADO.NET clustering, persistence and reminder providers read.</summary>
    public static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesTablesAndEveryProviderQuery()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("mig");

        var applied = await new SchemaMigrator(db.ConnectionString).MigrateAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrator.All.Select(m => m.Version), applied);
        var keys = await ReadColumnAsync(db, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var tables = await ReadColumnAsync(db, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{db.Name}'");
        Assert.Superset(
            new HashSet<string>(["OrleansQuery", "OrleansMembershipVersionTable", "OrleansMembershipTable", "OrleansStorage", "OrleansRemindersTable", "crm_journal", "crm_tenant_models", "crm_tenant_model_current", "crm_integration_keys", "crm_schema_version"], StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(tables, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Migrate_Twice_SecondRunAppliesNothingAndKeepsData()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("mig");
        var migrator = new SchemaMigrator(db.ConnectionString);
        await migrator.MigrateAsync(CancellationToken.None);
        await db.ExecuteAsync("INSERT INTO crm_journal (tenant, stream, event_type, occurred_at, payload) VALUES ('t', 's', 'e', UTC_TIMESTAMP(6), '{}')");

        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Empty(second);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_journal"));
    }

    [Fact]
    public async Task Migrate_EarlierSchema_AppliesOnlyWhatIsMissing()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("mig");
        var migrator = new SchemaMigrator(db.ConnectionString);
        await migrator.MigrateAsync(CancellationToken.None);
        // A database last migrated before 0005: none of the tables 0005 and later create (later migrations alter them).
        await db.ExecuteAsync(
            "DROP TABLE crm_journal, crm_grain_state, crm_lead_figures, crm_import_files, crm_tenant_models, crm_tenant_model_current, crm_integration_keys; " +
            "DELETE FROM crm_schema_version WHERE version >= '0005'");

        var applied = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(["0005_crm_journal", "0006_crm_grain_state"], applied.Take(2));
        Assert.Equal(SchemaMigrator.All.Count - 4, applied.Count);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_journal"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_grain_state"));
    }

    [Fact]
    public async Task Migrate_AppliedFileChanged_IsRefusedWithAClearMessage()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("mig");
        var migrator = new SchemaMigrator(db.ConnectionString);
        await migrator.MigrateAsync(CancellationToken.None);
        await db.ExecuteAsync($"UPDATE crm_schema_version SET checksum = REPEAT('0', 64) WHERE version = '{SchemaMigrator.All[0].Version}'");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(CancellationToken.None));

        Assert.Contains(SchemaMigrator.All[0].Version, ex.Message, StringComparison.Ordinal);
        Assert.Contains("must not change", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_AppliesEachFileOnce()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("mig");

        var runs = await Task.WhenAll(
            new SchemaMigrator(db.ConnectionString).MigrateAsync(CancellationToken.None),
            new SchemaMigrator(db.ConnectionString).MigrateAsync(CancellationToken.None));

        Assert.Equal(SchemaMigrator.All.Count, runs.Sum(r => r.Count));
        Assert.Equal((long)SchemaMigrator.All.Count, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_schema_version"));
    }

    [Fact]
    public async Task EnsureDatabase_Missing_CreatesIt()
    {
        var name = $"crmtest_ensure_{Guid.NewGuid():N}"[..30];
        var connection = new MySqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Database = name }.ConnectionString;
        try
        {
            await SchemaMigrator.EnsureDatabaseAsync(connection, CancellationToken.None);
            await SchemaMigrator.EnsureDatabaseAsync(connection, CancellationToken.None);

            var applied = await new SchemaMigrator(connection).MigrateAsync(CancellationToken.None);
            Assert.NotEmpty(applied);
        }
        finally
        {
            await using var server = new MySqlConnection(TestDatabase.ServerConnectionString);
            await server.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> ReadColumnAsync(ThrowawayDatabase db, string sql)
    {
        var values = new List<string>();
        await using var connection = new MySqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
