using CrmActors.Database;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.Silo.Storage;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>The group-commit table on MariaDB: batched upserts with per-row optimistic concurrency.</summary>
public sealed class StateTableTests : IAsyncLifetime
{
    private ThrowawayDatabase _db = null!;
    private StateTable _table = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("gct");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        _table = new StateTable(_db.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static StateKey Key(int i) => new("svc", "lead", $"lead/t1/L{i}");

    [Fact]
    public async Task Write_BatchOfNewRows_AllLandInOneTransactionAndReadBack()
    {
        var writes = Enumerable.Range(0, 200).Select(i => new StateWrite(Key(i), null, [(byte)i, 7])).ToArray();

        var outcomes = await _table.WriteAsync(writes, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(new WriteOutcome(true, 1), o));
        var read = await _table.ReadAsync([.. writes.Select(w => w.Key.Hash())], CancellationToken.None);
        Assert.Equal(200, read.Count);
        Assert.Equal([42, 7], read[Convert.ToHexString(Key(42).Hash())].Payload);
        Assert.Equal(200L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_grain_state WHERE version = 1"));
    }

    [Fact]
    public async Task DueWakeUps_RowsAskingToBeWoken_AreFoundWhenDueEarliestFirstAndClearedByTheNextWrite()
    {
        var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        await _table.WriteAsync(
            [
                new StateWrite(Key(1), null, [1], now.AddSeconds(-5)),
                new StateWrite(Key(2), null, [1], now.AddSeconds(-30)),
                new StateWrite(Key(3), null, [1], now.AddMinutes(1)),
                new StateWrite(Key(4), null, [1]),
                new StateWrite(new StateKey("other-service", "lead", "lead/t1/L5"), null, [1], now.AddMinutes(-1)),
            ],
            CancellationToken.None);

        Assert.Equal(["lead/t1/L2", "lead/t1/L1"], await _table.DueWakeUpsAsync("svc", now, 10, CancellationToken.None));
        Assert.Equal(["lead/t1/L2"], await _table.DueWakeUpsAsync("svc", now, 1, CancellationToken.None));

        // A stale write does not move the wake-up; the current one clears it.
        await _table.WriteAsync([new StateWrite(Key(2), 7, [2]), new StateWrite(Key(1), 1, [2])], CancellationToken.None);
        Assert.Equal(["lead/t1/L2"], await _table.DueWakeUpsAsync("svc", now, 10, CancellationToken.None));
        Assert.Equal(["lead/t1/L2", "lead/t1/L3"], await _table.DueWakeUpsAsync("svc", now.AddMinutes(2), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Write_WithJournalRows_RowsCommitWithTheWritesThatLandedOnlyAndOncePerEventId()
    {
        var at = new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);
        OutgoingJournalRow Row(string stream, string id) => new("t1", stream, new PendingJournalEntry(id, "lead.routing", at, $"{{\"id\":\"{id}\"}}"));
        await _table.WriteAsync([new StateWrite(Key(1), null, [1])], CancellationToken.None);

        // Key 1 is stale (expects no row, one exists): its rows must not land; key 2's both do, each on its stream.
        var outcomes = await _table.WriteAsync(
            [
                new StateWrite(Key(1), null, [9], Rows: [Row("L1", "L1/routing/1")]),
                new StateWrite(Key(2), null, [2], Rows: [Row("L2", "L2/routing/1"), Row("rep:R1", "L2/handover/1")]),
            ],
            CancellationToken.None);

        Assert.Equal([false, true], outcomes.Select(o => o.Applied));
        Assert.Equal(
            "L2/handover/1@rep:R1,L2/routing/1@L2",
            await _db.ScalarAsync<string>("SELECT GROUP_CONCAT(CONCAT(event_id, '@', stream) ORDER BY event_id) FROM crm_journal WHERE tenant = 't1'"));

        // The same event again with the next write of key 2 is stored once; a new one is added.
        await _table.WriteAsync([new StateWrite(Key(2), 1, [3], Rows: [Row("L2", "L2/routing/1"), Row("L2", "L2/routing/2")])], CancellationToken.None);
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_journal WHERE tenant = 't1'"));
        Assert.Equal(at.UtcDateTime, await _db.ScalarAsync<DateTime>("SELECT occurred_at FROM crm_journal WHERE event_id = 'L2/routing/2'"));
    }

    [Fact]
    public async Task Write_StaleAndCurrentInOneBatch_OnlyTheCurrentOneLands()
    {
        await _table.WriteAsync([new StateWrite(Key(1), null, [1]), new StateWrite(Key(2), null, [1])], CancellationToken.None);
        await _table.WriteAsync([new StateWrite(Key(1), 1, [2])], CancellationToken.None);

        var outcomes = await _table.WriteAsync([new StateWrite(Key(1), 1, [9]), new StateWrite(Key(2), 1, [3])], CancellationToken.None);

        Assert.Equal(new WriteOutcome(false, 2), outcomes[0]);
        Assert.Equal(new WriteOutcome(true, 2), outcomes[1]);
        var read = await _table.ReadAsync([Key(1).Hash(), Key(2).Hash()], CancellationToken.None);
        Assert.Equal(new byte[] { 2 }, read[Convert.ToHexString(Key(1).Hash())].Payload);
        Assert.Equal(new byte[] { 3 }, read[Convert.ToHexString(Key(2).Hash())].Payload);
    }

    [Fact]
    public async Task Write_FirstWriteWhenARowExists_IsRefusedAndKeepsTheRow()
    {
        await _table.WriteAsync([new StateWrite(Key(1), null, [1])], CancellationToken.None);

        var outcomes = await _table.WriteAsync([new StateWrite(Key(1), null, [5])], CancellationToken.None);

        Assert.Equal(new WriteOutcome(false, 1), outcomes[0]);
        var read = await _table.ReadAsync([Key(1).Hash()], CancellationToken.None);
        Assert.Equal(new byte[] { 1 }, read.Single().Value.Payload);
    }

    [Fact]
    public async Task Write_RacingBatchesOnTheSameVersion_ExactlyOneWinsEachRow()
    {
        var first = Enumerable.Range(0, 50).Select(i => new StateWrite(Key(i), null, [0])).ToArray();
        await _table.WriteAsync(first, CancellationToken.None);

        // Eight writers, each believing it holds version 1 of the same 50 grains, commit concurrently.
        var racers = Enumerable.Range(1, 8)
            .Select(w => Task.Run(() => _table.WriteAsync([.. Enumerable.Range(0, 50).Select(i => new StateWrite(Key(i), 1, [(byte)w]))], CancellationToken.None)))
            .ToArray();
        var results = await Task.WhenAll(racers);

        for (var i = 0; i < 50; i++)
        {
            var winners = results.Where(r => r[i].Applied).ToArray();
            Assert.Single(winners);
        }

        Assert.Equal(50L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_grain_state WHERE version = 2"));
    }

    [Fact]
    public async Task Write_PayloadOf5MB_RoundTrips()
    {
        var big = new byte[5 * 1024 * 1024];
        Random.Shared.NextBytes(big);

        var outcomes = await _table.WriteAsync([new StateWrite(Key(1), null, big)], CancellationToken.None);

        Assert.True(outcomes[0].Applied);
        var read = await _table.ReadAsync([Key(1).Hash()], CancellationToken.None);
        Assert.Equal(big, read.Single().Value.Payload);
    }

    [Fact]
    public async Task Clear_KeepsTheRowWithoutPayloadAndMovesTheVersion()
    {
        await _table.WriteAsync([new StateWrite(Key(1), null, [1])], CancellationToken.None);

        var cleared = await _table.WriteAsync([new StateWrite(Key(1), 1, null)], CancellationToken.None);
        var staleAfterClear = await _table.WriteAsync([new StateWrite(Key(1), 1, [8])], CancellationToken.None);

        Assert.Equal(new WriteOutcome(true, 2), cleared[0]);
        Assert.Equal(new WriteOutcome(false, 2), staleAfterClear[0]);
        var read = await _table.ReadAsync([Key(1).Hash()], CancellationToken.None);
        Assert.Equal(new StoredState(2, null), read.Single().Value);
    }

    [Fact]
    public async Task Read_MissingKeys_AreAbsent()
    {
        var read = await _table.ReadAsync([Key(404).Hash()], CancellationToken.None);

        Assert.Empty(read);
    }
    [Fact]
    public async Task Write_RowsStayInTheOrderTheyWereFirstWritten_AndKeepTheirPlaceWhenRewritten()
    {
        await _table.WriteAsync([.. Enumerable.Range(0, 100).Select(i => new StateWrite(Key(i), null, [1]))], CancellationToken.None);
        await _table.WriteAsync([.. Enumerable.Range(100, 100).Select(i => new StateWrite(Key(i), null, [1]))], CancellationToken.None);
        var placeOf5 = await _db.ScalarAsync<long>("SELECT row_id FROM crm_grain_state WHERE grain_id = 'lead/t1/L5'");

        var rewritten = await _table.WriteAsync([new StateWrite(Key(5), 1, [2, 2, 2])], CancellationToken.None);

        // The second batch lies wholly after the first, whatever the keys' hashes: new rows append at the table's end.
        Assert.True(rewritten[0].Applied);
        Assert.True(
            await _db.ScalarAsync<long>("SELECT MAX(row_id) FROM crm_grain_state WHERE CAST(SUBSTRING(grain_id, 10) AS UNSIGNED) < 100")
            < await _db.ScalarAsync<long>("SELECT MIN(row_id) FROM crm_grain_state WHERE CAST(SUBSTRING(grain_id, 10) AS UNSIGNED) >= 100"));
        Assert.Equal(placeOf5, await _db.ScalarAsync<long>("SELECT row_id FROM crm_grain_state WHERE grain_id = 'lead/t1/L5'"));
        Assert.Equal(200L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_grain_state"));
    }

    [Fact]
    public async Task Migration0015_StatesWrittenInTheHashOrderedShape_AreReadAndRewrittenAfterIt()
    {
        // The table as 0006-0010 left it: the hash is the primary key.
        await _db.ExecuteAsync(
            "ALTER TABLE crm_grain_state DROP PRIMARY KEY, DROP COLUMN row_id, DROP INDEX UX_crm_grain_state_key, ADD CONSTRAINT PK_crm_grain_state PRIMARY KEY (key_hash); " +
            "DELETE FROM crm_schema_version WHERE version = '0015_crm_grain_state_write_order'");
        await _table.WriteAsync([.. Enumerable.Range(0, 50).Select(i => new StateWrite(Key(i), null, [(byte)i]))], CancellationToken.None);

        var applied = await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);

        Assert.Equal(["0015_crm_grain_state_write_order"], applied);
        var read = await _table.ReadAsync([.. Enumerable.Range(0, 50).Select(i => Key(i).Hash())], CancellationToken.None);
        Assert.Equal(50, read.Count);
        var seventh = read[Convert.ToHexString(Key(7).Hash())];
        Assert.Equal(1, seventh.Version);
        Assert.Equal(new byte[] { 7 }, seventh.Payload);
        var outcomes = await _table.WriteAsync([new StateWrite(Key(7), 1, [8]), new StateWrite(Key(7), null, [9]), new StateWrite(Key(50), null, [50])], CancellationToken.None);
        Assert.Equal([new WriteOutcome(true, 2), new WriteOutcome(false, 2), new WriteOutcome(true, 1)], outcomes);
        Assert.Equal(51L, await _db.ScalarAsync<long>("SELECT COUNT(DISTINCT row_id) FROM crm_grain_state"));
    }
}
