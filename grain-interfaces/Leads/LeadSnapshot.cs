using CrmActors.FollowUp;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>What a lead looks like to a reader, at one moment.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadSnapshot")]
public sealed record class LeadSnapshot(
    string Id,
    NewLead Captured,
    DateTimeOffset CreatedAt,
    LeadStage Stage,
    string? OwnerRepId,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? FirstTouchDueAt,
    DateTimeOffset? FirstTouchAt,
    DateTimeOffset? OverdueAt,
    int EscalationLevel,
    IReadOnlyList<LeadEvent> History,
    LeadRouting? Routing = null,
    string? CoAssigneeRepId = null,
    DateTimeOffset? ClosedAt = null,
    FunnelStage Funnel = FunnelStage.None,
    LeadQuality? Quality = null,
    IReadOnlyList<LeadActivity>? Activities = null,
    IReadOnlyList<LeadDeadline>? Deadlines = null,
    string? Flag = null,
    DateTimeOffset? LastActivityAt = null,
    IReadOnlyList<PendingCoordination>? NeedsCoordination = null,
    LeadScore? Score = null);
