using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using CrmActors.Grains.Reps;
using CrmActors.Grains.Tests.Common;

namespace CrmActors.Grains.Tests.Reps;

/// <summary>One read of a rep's assignment stream: which rows it returns and where the checkpoint may move.</summary>
public sealed class AssignmentCatchUpTests
{
    [Fact]
    public async Task Read_TakesIntakesRowsSinceTheGivenTime_AndStopsTheCheckpointBeforeTheFirstRowThatMayHaveAGap()
    {
        var journal = new InMemoryJournal();
        var t0 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        PendingJournalEntry[] rows =
        [
            LeadJournalRows.Handover("L1-1", 1, "rep-li", t0, routed: true),                     // before "since": skipped
            LeadJournalRows.Handover("L2-1", 1, "rep-li", t0.AddMinutes(2), routed: false),       // intake's, not routed
            LeadJournalRows.Handover("L3-1", 2, "rep-li", t0.AddMinutes(3)),                      // a lead actor's: it delivers its own
            LeadJournalRows.Handover("L4-1", 1, "rep-li", t0.AddMinutes(9), routed: true),        // young: taken, checkpoint stops before it
            LeadJournalRows.Handover("L5-1", 1, "rep-li", t0.AddMinutes(4), routed: true),        // committed late, after a young row
        ];
        await journal.AppendAsync("t1", rows[0].Stream!, rows);

        var found = await AssignmentCatchUp.ReadAsync(journal, "t1", "rep-li", new HashSet<string>(), 0, t0.AddMinutes(1), committedBefore: t0.AddMinutes(8), batch: 2);

        Assert.Equal(["L2-1", "L4-1", "L5-1"], found.Handovers.Select(h => h.Handover.LeadId));
        Assert.Equal([false, true, true], found.Handovers.Select(h => h.Handover.Routed!.Value));
        var rowsRead = await journal.ReadStreamAfterAsync("t1", rows[0].Stream!, 0, 10);
        Assert.Equal(rowsRead[2].Row, found.Checkpoint);

        var again = await AssignmentCatchUp.ReadAsync(journal, "t1", "rep-li", new HashSet<string>(), found.Checkpoint, DateTimeOffset.MinValue, t0.AddMinutes(20), batch: 2);
        Assert.Equal(["L4-1", "L5-1"], again.Handovers.Select(h => h.Handover.LeadId));
        Assert.Equal(rowsRead[4].Row, again.Checkpoint);
    }

    [Fact]
    public async Task Read_RowsOfLeadsTheRepKnows_AreListedButNotReadWhole()
    {
        var journal = new CountingJournal();
        var t0 = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        PendingJournalEntry[] rows = [.. Enumerable.Range(1, 7).Select(i => LeadJournalRows.Handover($"L{i}-1", 1, "rep-li", t0.AddSeconds(i), routed: true))];
        await journal.AppendAsync("t1", rows[0].Stream!, rows);

        var found = await AssignmentCatchUp.ReadAsync(
            journal, "t1", "rep-li", new HashSet<string>(["L1-1", "L2-1", "L4-1", "L5-1", "L6-1", "L7-1"]), 0, DateTimeOffset.MinValue, t0.AddMinutes(5), batch: 3);

        Assert.Equal(["L3-1"], found.Handovers.Select(h => h.Handover.LeadId));
        Assert.Equal(1, journal.RowsReadWhole);
        Assert.Equal((await journal.ReadStreamKeysAfterAsync("t1", rows[0].Stream!, 0, 10))[^1].Row, found.Checkpoint);
    }

    [Theory]
    [InlineData("L8613800138000-1/handover/3", "L8613800138000-1")]
    [InlineData("Lb7e4/handover/x/handover/1", "Lb7e4/handover/x")]
    [InlineData("L1-1/routing/1", null)]
    [InlineData("/handover/1", null)]
    public void LeadOfHandover_IsTheEventIdBeforeItsLastHandoverPart(string eventId, string? leadId) =>
        Assert.Equal(leadId, LeadJournalRows.LeadOfHandover(eventId));

    /// <summary>The in-memory journal, counting the rows read whole; a catch-up reads no stream whole.</summary>
    private sealed class CountingJournal : ForwardingJournal
    {
        public int RowsReadWhole { get; private set; }

        public override Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadStreamAfterAsync(
            string tenant, string stream, long afterRow, int limit, string? eventType = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a catch-up reads keys first");

        public override async Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(
            string tenant, IReadOnlyCollection<long> rowNumbers, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadRowsAsync(tenant, rowNumbers, cancellationToken);
            RowsReadWhole += read.Count;
            return read;
        }
    }
}
