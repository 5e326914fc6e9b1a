using CrmActors.Database;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.Silo.Storage;
using MySqlConnector;

namespace CrmActors.Integration.Tests.Journal;

/// <summary>A stream's rows listed from its index (numbers, event ids, times), then only the rows needed read whole.</summary>
public sealed class JournalKeysTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 8, 0, 0, 123, TimeSpan.Zero);

    private ThrowawayDatabase _db = null!;
    private MySqlJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("jk");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        _journal = new MySqlJournal(_db.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static PendingJournalEntry Row(string id, int second) => new(id, "rep.lead-handed-over", At.AddSeconds(second), $$"""{"leadId":"{{id}}"}""");

    [Fact]
    public async Task Keys_AreOneStreamOfOneTenantAfterTheRowInOrder_AndRowsAreReadOnlyWhereAsked()
    {
        await _journal.AppendAsync("acme", "rep:li", [Row("a", 1), Row("b", 2)]);
        await _journal.AppendAsync("acme", "rep:wang", [Row("x", 3)]);
        await _journal.AppendAsync("globex", "rep:li", [Row("g", 4)]);
        await _journal.AppendAsync("acme", "rep:li", [Row("c", 5), Row("d", 6)]);

        var all = await _journal.ReadStreamKeysAfterAsync("acme", "rep:li", 0, 10);
        var afterFirst = await _journal.ReadStreamKeysAfterAsync("acme", "rep:li", all[0].Row, 2);

        Assert.Equal(["a", "b", "c", "d"], all.Select(k => k.EventId));
        Assert.Equal([At.AddSeconds(1), At.AddSeconds(2), At.AddSeconds(5), At.AddSeconds(6)], all.Select(k => k.At));
        Assert.Equal(["b", "c"], afterFirst.Select(k => k.EventId));
        var globexRow = (await _journal.ReadStreamKeysAfterAsync("globex", "rep:li", 0, 10)).Single().Row;
        var read = await _journal.ReadRowsAsync("acme", [all[3].Row, all[1].Row, globexRow]);
        Assert.Equal([(all[1].Row, "b"), (all[3].Row, "d")], read.Select(r => (r.Row, r.Entry.EventId)));
        Assert.Equal(Row("d", 6), read[1].Entry);
    }

    [Fact]
    public async Task Keys_AreServedByTheStreamIndexAlone()
    {
        await _journal.AppendAsync("acme", "rep:li", [.. Enumerable.Range(0, 50).Select(i => Row($"e{i}", i))]);

        await using var connection = new MySqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new MySqlCommand(
            "EXPLAIN SELECT id, event_id, occurred_at FROM crm_journal WHERE tenant = 'acme' AND stream = 'rep:li' AND id > 0 ORDER BY id LIMIT 10", connection);
        await using var reader = await explain.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal("IX_crm_journal_stream_keys", reader.GetString(reader.GetOrdinal("key")));
        Assert.Contains("Using index", reader.GetString(reader.GetOrdinal("Extra")), StringComparison.Ordinal);
    }
}
