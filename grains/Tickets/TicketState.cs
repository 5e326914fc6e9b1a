using CrmActors.GrainInterfaces.Tickets;

namespace CrmActors.Grains.Tickets;

/// <summary>The persisted state of a service ticket.</summary>
[GenerateSerializer, Alias("crm.TicketState")]
public sealed class TicketState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "ticket";

    [Id(0)] public NewTicket? Reported { get; set; }
    [Id(1)] public TicketStatus Status { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(4)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(5)] public TicketCoordination? Coordination { get; set; }
    [Id(6)] public List<TicketEvent> History { get; set; } = [];

    /// <summary>When the ticket should be resolved (its SLA).</summary>
    [Id(7)] public DateTimeOffset? ResolveBy { get; set; }

    /// <summary>When the SLA was missed and escalated.</summary>
    [Id(8)] public DateTimeOffset? OverdueAt { get; set; }

    /// <summary>Who works the ticket: whoever last moved it to in progress (the reporter until then).</summary>
    [Id(9)] public string? AssigneeId { get; set; }

    /// <summary>True while the resolution SLA runs: reported, not resolved or closed, not yet escalated.</summary>
    public bool SlaPending => ResolveBy is not null && OverdueAt is null && Status is TicketStatus.Open or TicketStatus.InProgress;
}
