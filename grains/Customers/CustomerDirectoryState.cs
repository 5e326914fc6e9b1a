using CrmActors.GrainInterfaces.Customers;

namespace CrmActors.Grains.Customers;

/// <summary>
/// The checkpoint of one directory shard: its entries as of <see cref="Batch"/>. Written only once the shard's log
/// since the last checkpoint holds as many changes as the checkpoint has entries (<see cref="CustomerDirectoryGrain"/>).
/// </summary>
[GenerateSerializer, Alias("crm.CustomerDirectoryState")]
public sealed class CustomerDirectoryState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer-directory";

    [Id(0)] public Dictionary<string, DirectoryEntry> Entries { get; set; } = [];

    /// <summary>How many entries were ever filed here: numbers the entries in filing order (<see cref="DirectoryEntry.Filed"/>).</summary>
    [Id(1)] public long Filed { get; set; }

    /// <summary>The last logged batch of changes the entries include (0: none was logged yet).</summary>
    [Id(2)] public long Batch { get; set; }

    /// <summary>The shard's log rows numbered up to this one are taken in; activation replays the rows after it.</summary>
    [Id(3)] public long AfterRow { get; set; }
}

/// <summary>
/// The shard's log cursor: the number of the last batch of changes it appended to its journal stream. The batch's row
/// rides on this small state's write (one group commit), so a flush writes the changes, never the whole shard.
/// </summary>
[GenerateSerializer, Alias("crm.CustomerDirectoryLog")]
public sealed class CustomerDirectoryLog : Common.IJournalRowsState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "customer-directory-log";

    /// <summary>The last batch appended.</summary>
    [Id(0)] public long Batch { get; set; }

    /// <inheritdoc />
    public Common.JournalRows Outgoing => _outgoing ??= new();

    [NonSerialized]
    private Common.JournalRows? _outgoing;
}

/// <summary>One change of a shard, in the order it was made: an entry filed (with its number) or a customer removed.</summary>
/// <param name="Entry">The entry filed, or null.</param>
/// <param name="Removed">The customer removed, or null.</param>
public sealed record class DirectoryChange(DirectoryEntry? Entry = null, string? Removed = null);

/// <summary>A logged batch of changes (the payload of a shard's journal row).</summary>
/// <param name="Batch">Its number; a checkpoint at or past it already holds its changes.</param>
/// <param name="Changes">The changes, oldest first.</param>
public sealed record class DirectoryBatch(long Batch, IReadOnlyList<DirectoryChange> Changes);
