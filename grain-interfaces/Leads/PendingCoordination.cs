namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A service ticket that affects this lead's sale: what service suggests, and since when sales is waited on.</summary>
[GenerateSerializer, Immutable, Alias("crm.PendingCoordination")]
public sealed record class PendingCoordination(string TicketId, string TicketTitle, string SuggestedAction, DateTimeOffset Since);
