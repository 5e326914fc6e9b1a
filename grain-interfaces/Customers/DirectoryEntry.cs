namespace CrmActors.GrainInterfaces.Customers;

/// <summary>A customer as the duplicate index files it: the comparable key, and what a human needs to decide.</summary>
[GenerateSerializer, Immutable, Alias("crm.DirectoryEntry")]
public sealed record class DirectoryEntry(string CustomerId, string Key, string Name, string? Company, string? Phone);
