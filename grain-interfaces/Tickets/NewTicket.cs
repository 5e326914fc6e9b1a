namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>A service ticket as reported.</summary>
[GenerateSerializer, Immutable, Alias("crm.NewTicket")]
public sealed record class NewTicket(string CustomerId, string Title, string? Description, string CreatedBy);
