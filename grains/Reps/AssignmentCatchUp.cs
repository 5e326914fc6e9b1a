using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;

namespace CrmActors.Grains.Reps;

/// <summary>
/// One read of a rep's assignment stream (<see cref="JournalStreams.RepAssignments"/>): the hand-overs intake committed
/// after the rep's checkpoint for leads the rep does not know, and where the checkpoint may move. Plain journal reads, no
/// actor state, so it runs off the rep's turn (RepGrain.Journal.cs).
/// </summary>
public static class AssignmentCatchUp
{
    /// <summary>What a read found: intake's hand-overs (with the time each was committed for) and the new checkpoint.</summary>
    public sealed record class Found(IReadOnlyList<(DateTimeOffset At, RepLeadsJournal.Handover Handover)> Handovers, long Checkpoint);

    /// <summary>
    /// Reads the rows after row <paramref name="after"/> in batches of <paramref name="batch"/>: first their numbers,
    /// event ids and times from the stream's index, then whole only the rows of leads not in <paramref name="known"/>
    /// (held or let go when the read started; usually none, so the hand-over rows, scattered among larger rows, stay
    /// unread). Only intake's rows are returned (they say whether routing chose the rep; a lead actor's hand-over is
    /// delivered by the lead itself, retried until the rep has it), and only those at or after <paramref name="since"/>.
    /// The checkpoint stops before the first row at or after <paramref name="committedBefore"/>: rows are numbered when
    /// appended but become visible when committed, so a younger row may still have an older neighbour on its way.
    /// </summary>
    public static async Task<Found> ReadAsync(
        IJournal journal, string tenant, string repId, IReadOnlySet<string> known, long after, DateTimeOffset since, DateTimeOffset committedBefore, int batch)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(known);
        var stream = JournalStreams.RepAssignments(repId);
        var checkpoint = after;
        var gapSeen = false;
        var found = new List<(DateTimeOffset, RepLeadsJournal.Handover)>();
        IReadOnlyList<JournalKey> keys;
        do
        {
            keys = await journal.ReadStreamKeysAfterAsync(tenant, stream, after, batch);
            var wanted = new List<long>();
            foreach (var key in keys)
            {
                after = key.Row;
                gapSeen |= key.At >= committedBefore;
                checkpoint = gapSeen ? checkpoint : key.Row;
                if (key.At >= since && (LeadJournalRows.LeadOfHandover(key.EventId) is not { } leadId || !known.Contains(leadId)))
                {
                    wanted.Add(key.Row);
                }
            }

            foreach (var (_, entry) in await journal.ReadRowsAsync(tenant, wanted))
            {
                if (entry.EventType == RepLeadsJournal.HandoverEvent && LeadJournalRows.ReadHandover(entry) is { Routed: not null } handover)
                {
                    found.Add((entry.At, handover));
                }
            }
        }
        while (keys.Count == batch);

        return new Found(found, checkpoint);
    }
}
