using CrmActors.Database;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Integration.Tests.Database;
using CrmActors.Silo.Storage;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>crm_lead_figures on MariaDB: the stats grain's read model, upserted in batches and loaded per tenant.</summary>
public sealed class LeadFigureStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private ThrowawayDatabase _db = null!;
    private MySqlLeadFigureStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("lfs");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        _store = new MySqlLeadFigureStore(_db.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static LeadFigures Figures(string leadId, string? owner = null, double minutesAfterNow = 0) => new(
        leadId, "Dr. " + leadId, "website_form", owner, Now, null, null, null, null, 0, owner is null ? LeadStage.New : LeadStage.Assigned,
        FunnelStage.Contacted, null, null, false, [], 0, null, [], null, Now.AddMinutes(minutesAfterNow));

    [Fact]
    public async Task Upsert_NewerFiguresReplaceOlderOnes_AndOlderOnesArrivingLate_ChangeNothing()
    {
        await _store.UpsertAsync("t1", [Figures("L1-1"), Figures("L2-1")]);

        await _store.UpsertAsync("t1", [Figures("L1-1", "rep-li", 1)]);
        await _store.UpsertAsync("t1", [Figures("L1-1", "rep-old", -1), Figures("L3-1")]);

        var loaded = (await _store.LoadAsync("t1")).ToDictionary(f => f.LeadId);
        Assert.Equal(["L1-1", "L2-1", "L3-1"], loaded.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("rep-li", loaded["L1-1"].OwnerRepId);
        Assert.Equal(Now.AddMinutes(1), loaded["L1-1"].UpdatedAt);
    }

    [Fact]
    public async Task Rows_AppendPerTenantInTheOrderLeadsFirstReported_WhateverTheirIds_AndLoadPerTenant()
    {
        // Intake's lead ids follow phone numbers, so they arrive in no order.
        string[] first = ["L86139-1", "L86130-1", "L86137-1"];
        string[] then = ["L86131-1", "L86138-1"];
        await _store.UpsertAsync("t1", [.. first.Select(id => Figures(id))]);
        await _store.UpsertAsync("t2", [Figures("L86135-1")]);
        await _store.UpsertAsync("t1", [.. then.Select(id => Figures(id))]);
        await _store.UpsertAsync("t1", [Figures("L86130-1", "rep-li", 1)]);

        var stored = await ReadColumnAsync("SELECT lead_id FROM crm_lead_figures WHERE tenant = 't1' ORDER BY row_id");
        Assert.Equal([.. first, .. then], stored);
        Assert.Equal([.. first.Concat(then).Order(StringComparer.Ordinal)], (await _store.LoadAsync("t1")).Select(f => f.LeadId).Order(StringComparer.Ordinal));
        Assert.Equal(["L86135-1"], (await _store.LoadAsync("t2")).Select(f => f.LeadId));
    }

    [Fact]
    public async Task Migration0016_FiguresStoredInLeadIdOrder_AreLoadedAndUpsertedAfterIt()
    {
        // The table as 0009 left it: the lead id is the primary key.
        await _db.ExecuteAsync(
            "ALTER TABLE crm_lead_figures DROP PRIMARY KEY, DROP COLUMN row_id, DROP INDEX UX_crm_lead_figures_lead, DROP INDEX IX_crm_lead_figures_row, " +
            "ADD CONSTRAINT PK_crm_lead_figures PRIMARY KEY (tenant, lead_id); " +
            "DELETE FROM crm_schema_version WHERE version = '0016_crm_lead_figures_write_order'");
        await _store.UpsertAsync("t1", [Figures("L2-1"), Figures("L1-1")]);

        var applied = await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        await _store.UpsertAsync("t1", [Figures("L1-1", "rep-li", 1), Figures("L0-1")]);

        Assert.Equal(["0016_crm_lead_figures_write_order"], applied);
        var loaded = (await _store.LoadAsync("t1")).ToDictionary(f => f.LeadId);
        Assert.Equal(["L0-1", "L1-1", "L2-1"], loaded.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("rep-li", loaded["L1-1"].OwnerRepId);
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_lead_figures"));
    }

    private async Task<List<string>> ReadColumnAsync(string sql)
    {
        await using var connection = new MySqlConnector.MySqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
