namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// A customer as the duplicate index files it: the comparable key, and what a human needs to decide. <paramref name="Filed"/>
/// is the shard's own filing number (0 until filed; the shard keeps the newest entries).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.DirectoryEntry")]
public sealed record class DirectoryEntry(string CustomerId, string Key, string Name, string? Company, string? Phone, long Filed = 0);
