namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>A service ticket as a reader sees it.</summary>
[GenerateSerializer, Immutable, Alias("crm.TicketSnapshot")]
public sealed record class TicketSnapshot(string Id, NewTicket Reported, TicketStatus Status, DateTimeOffset CreatedAt);
