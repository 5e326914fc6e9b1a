using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using CrmActors.Grains.Reps;

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

        var found = await AssignmentCatchUp.ReadAsync(journal, "t1", "rep-li", 0, t0.AddMinutes(1), committedBefore: t0.AddMinutes(8), batch: 2);

        Assert.Equal(["L2-1", "L4-1", "L5-1"], found.Handovers.Select(h => h.Handover.LeadId));
        Assert.Equal([false, true, true], found.Handovers.Select(h => h.Handover.Routed!.Value));
        var rowsRead = await journal.ReadStreamAfterAsync("t1", rows[0].Stream!, 0, 10);
        Assert.Equal(rowsRead[2].Row, found.Checkpoint);

        var again = await AssignmentCatchUp.ReadAsync(journal, "t1", "rep-li", found.Checkpoint, DateTimeOffset.MinValue, t0.AddMinutes(20), batch: 2);
        Assert.Equal(["L4-1", "L5-1"], again.Handovers.Select(h => h.Handover.LeadId));
        Assert.Equal(rowsRead[4].Row, again.Checkpoint);
    }
}
