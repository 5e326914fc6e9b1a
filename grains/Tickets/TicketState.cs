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
}
