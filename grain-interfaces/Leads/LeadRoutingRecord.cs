namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// One routing decision of a lead, as its journal keeps it: when, which kind (<c>first</c>, <c>reroute</c> asked by a
/// person, <c>escalation</c> by the escalation chain), who asked, the rule-set version and rule, the rep it went to (null
/// when it stayed unassigned, with the reason), the owner it had before, and the explanation as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadRoutingRecord")]
public sealed record class LeadRoutingRecord(
    DateTimeOffset At,
    string Kind,
    string RequestedBy,
    int RuleSetVersion,
    string? RuleId,
    string? ChosenRepId,
    string? UnassignedReason,
    string? PreviousOwnerRepId,
    string DecisionJson)
{
    /// <summary>The lead's first decision.</summary>
    public const string First = "first";

    /// <summary>A person asked for the lead to be routed again.</summary>
    public const string Reroute = "reroute";

    /// <summary>The escalation chain reassigned the lead.</summary>
    public const string Escalation = "escalation";
}
