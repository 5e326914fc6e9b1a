namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// A lead handed to a rep. The lead stores that it names the rep as owner first, then tells the rep (retrying until
/// the rep has it), so a rep never lists a lead that does not name them. <paramref name="Routed"/> leads count toward
/// fairness; <paramref name="Notice"/> lands in the inbox with the lead. <paramref name="Journaled"/> hand-overs were
/// committed as a row of the rep's assignment stream in the same transaction as the lead (intake routing at capture):
/// the rep takes them in memory and stores them with its next write, and catches up from that stream after a crash.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadHandover")]
public sealed record class LeadHandover(string LeadId, bool Routed, InboxItem? Notice, bool Journaled = false);
