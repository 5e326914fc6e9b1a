namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer that may be the same party as another, and why it was offered.</summary>
[GenerateSerializer, Immutable, Alias("crm.DuplicateCandidate")]
public sealed record class DuplicateCandidate(string CustomerId, string Name, string? Company, string? Phone, string Reason);
