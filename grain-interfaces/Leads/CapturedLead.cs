using CrmActors.GrainInterfaces.Routing;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// A lead as intake stored it in its customer: enough for the lead actor to start from. <see cref="Routing"/> is the
/// routing decision taken in the same write (null when routing is owed: no live rules, or no decision in time).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CapturedLead")]
public sealed record class CapturedLead(string LeadId, NewLead Lead, DateTimeOffset CreatedAt, CapturedRouting? Routing = null);

/// <summary>
/// The routing decision intake took for a lead before acknowledging it: the router's answer (the rep it reserved room
/// with, or why nobody), when it was taken, and the first-touch deadline it set (null without an owner).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CapturedRouting")]
public sealed record class CapturedRouting(RouteResult Decision, DateTimeOffset DecidedAt, DateTimeOffset? FirstTouchDueAt);
