namespace CrmActors.Grains.Common;

/// <summary>The rows of a rep's assignment stream (<see cref="JournalStreams.RepAssignments"/>).</summary>
public static class RepLeadsJournal
{
    /// <summary>A lead was handed to the rep.</summary>
    public const string HandoverEvent = "rep.lead-handed-over";

    /// <summary>The payload of a hand-over row.</summary>
    public sealed record class Handover(string LeadId);
}
