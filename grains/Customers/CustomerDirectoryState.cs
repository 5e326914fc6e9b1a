using CrmActors.GrainInterfaces.Customers;

namespace CrmActors.Grains.Customers;

/// <summary>The persisted entries of one directory shard.</summary>
[GenerateSerializer, Alias("crm.CustomerDirectoryState")]
public sealed class CustomerDirectoryState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer-directory";

    [Id(0)] public Dictionary<string, DirectoryEntry> Entries { get; set; } = [];

    /// <summary>How many entries were ever filed here: numbers the entries in filing order (<see cref="DirectoryEntry.Filed"/>).</summary>
    [Id(1)] public long Filed { get; set; }
}
