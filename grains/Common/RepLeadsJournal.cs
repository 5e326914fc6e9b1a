using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Common;

/// <summary>The rows of a rep's assignment stream (<see cref="JournalStreams.RepAssignments"/>).</summary>
public static class RepLeadsJournal
{
    /// <summary>A lead was handed to the rep.</summary>
    public const string HandoverEvent = "rep.lead-handed-over";

    /// <summary>
    /// The payload of a hand-over row: the lead, and on the rows the rep takes the lead from (intake's, committed with
    /// the capture) whether routing chose the rep (it counts toward fairness) and the inbox notice the rep is owed with
    /// it. A lead actor's rows name only the lead: the lead delivers those hand-overs itself.
    /// </summary>
    public sealed record class Handover(string LeadId, bool? Routed = null, InboxItem? Notice = null);
}
