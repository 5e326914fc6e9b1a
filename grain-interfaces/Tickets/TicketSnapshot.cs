namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>A service ticket as a reader sees it.</summary>
[GenerateSerializer, Immutable, Alias("crm.TicketSnapshot")]
public sealed record class TicketSnapshot(
    string Id,
    NewTicket Reported,
    TicketStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? ClosedAt = null,
    TicketCoordination? Coordination = null,
    IReadOnlyList<TicketEvent>? History = null,
    DateTimeOffset? ResolveBy = null,
    DateTimeOffset? OverdueAt = null,
    string? AssigneeId = null);

/// <summary>
/// The ticket affects sales: what sales should do, which lead and rep were told, when the clock started and, once sales
/// logged its first related activity, when it stopped and how long coordination took.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.TicketCoordination")]
public sealed record class TicketCoordination(
    string SuggestedAction,
    string FlaggedBy,
    DateTimeOffset StartedAt,
    string? LeadId,
    string? RepId,
    DateTimeOffset? StoppedAt = null)
{
    /// <summary>Flag to first related sales activity, once stopped.</summary>
    public TimeSpan? Latency => StoppedAt - StartedAt;
}

/// <summary>One step of a ticket's history.</summary>
[GenerateSerializer, Immutable, Alias("crm.TicketEvent")]
public sealed record class TicketEvent(DateTimeOffset At, string Type, string Detail);
