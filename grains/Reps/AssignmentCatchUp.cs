using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;

namespace CrmActors.Grains.Reps;

/// <summary>
/// One read of a rep's assignment stream (<see cref="JournalStreams.RepAssignments"/>): the hand-overs intake committed
/// after the rep's checkpoint, and where the checkpoint may move. Plain journal reads, no actor state, so it runs off the
/// rep's turn (RepGrain.Journal.cs).
/// </summary>
public static class AssignmentCatchUp
{
    /// <summary>What a read found: intake's hand-overs (with the time each was committed for) and the new checkpoint.</summary>
    public sealed record class Found(IReadOnlyList<(DateTimeOffset At, RepLeadsJournal.Handover Handover)> Handovers, long Checkpoint);

    /// <summary>
    /// Reads the rows after row <paramref name="after"/> in batches of <paramref name="batch"/>. Only intake's rows are
    /// returned (they say whether routing chose the rep; a lead actor's hand-over is delivered by the lead itself, retried
    /// until the rep has it), and only those at or after <paramref name="since"/>. The checkpoint stops before the first
    /// row at or after <paramref name="committedBefore"/>: rows are numbered when appended but become visible when
    /// committed, so a younger row may still have an older neighbour on its way.
    /// </summary>
    public static async Task<Found> ReadAsync(
        IJournal journal, string tenant, string repId, long after, DateTimeOffset since, DateTimeOffset committedBefore, int batch)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var checkpoint = after;
        var gapSeen = false;
        var found = new List<(DateTimeOffset, RepLeadsJournal.Handover)>();
        IReadOnlyList<(long Row, PendingJournalEntry Entry)> rows;
        do
        {
            rows = await journal.ReadStreamAfterAsync(tenant, JournalStreams.RepAssignments(repId), after, batch, RepLeadsJournal.HandoverEvent);
            foreach (var (row, entry) in rows)
            {
                after = row;
                gapSeen |= entry.At >= committedBefore;
                checkpoint = gapSeen ? checkpoint : row;
                var handover = LeadJournalRows.ReadHandover(entry);
                if (entry.At >= since && handover.Routed is not null)
                {
                    found.Add((entry.At, handover));
                }
            }
        }
        while (rows.Count == batch);

        return new Found(found, checkpoint);
    }
}
