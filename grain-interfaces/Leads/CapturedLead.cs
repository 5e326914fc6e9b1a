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
/// <paramref name="WakeLeadAt"/> is set when nothing more was owed at capture (the owner took the lead from the
/// hand-over's journal row): the lead actor is not started then, and its customer wakes it at that time, the earliest of
/// its deadlines, unless something else started it before.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CapturedRouting")]
public sealed record class CapturedRouting(RouteResult Decision, DateTimeOffset DecidedAt, DateTimeOffset? FirstTouchDueAt, DateTimeOffset? WakeLeadAt = null);
