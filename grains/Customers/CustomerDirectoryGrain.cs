using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>
/// A shard of the duplicate-candidate index. Filing happens off intake's path (one-way calls) and is
/// written at most once per <see cref="FlushEvery"/>, so a burst of new customers costs the index a
/// handful of writes, not one per lead. A shard is a bounded snapshot: common names repeat a lot (王伟, 李娜 and
/// 张伟 each stand for hundreds of thousands of people), so it keeps the newest <see cref="PerKeyLimit"/> customers of
/// one name (as many as a lookup returns) and the newest <see cref="ShardLimit"/> in all; what it writes stays the same
/// size however large the tenant grows.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState(CustomerDirectoryState.StateName, CrmStorage.Name)] IPersistentState<CustomerDirectoryState> state,
    ILogger<CustomerDirectoryGrain> logger) : Grain, ICustomerDirectoryGrain
{
    /// <summary>How often pending entries are written.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);

    /// <summary>The most customers kept under one name key (a lookup returns at most this many).</summary>
    public const int PerKeyLimit = 50;

    /// <summary>The most customers one shard keeps.</summary>
    public const int ShardLimit = 20_000;

    // Filing order (oldest first) of the whole shard and of each key, rebuilt from the stored entries on activation.
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _byKey = new(StringComparer.Ordinal);
    private IGrainTimer? _flush;
    private bool _dirty;

    private Dictionary<string, DirectoryEntry> Entries => state.State.Entries;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in Entries.Values.OrderBy(e => e.Filed))
        {
            Track(entry);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FileAsync(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Entries.TryGetValue(entry.CustomerId, out var existing) && existing with { Filed = 0 } == entry with { Filed = 0 })
        {
            return Task.CompletedTask;
        }

        if (existing is not null)
        {
            Forget(existing.CustomerId);
        }

        var filed = entry with { Filed = ++state.State.Filed };
        Entries[filed.CustomerId] = filed;
        Track(filed);
        while (_byKey[filed.Key].Count > PerKeyLimit)
        {
            Forget(_byKey[filed.Key].Peek());
        }

        while (Entries.Count > ShardLimit)
        {
            Forget(_order.First!.Value);
        }

        MarkDirty();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string customerId)
    {
        if (Entries.ContainsKey(customerId))
        {
            Forget(customerId);
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectoryEntry>> FindSimilarAsync(string key) =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. Entries.Values.Where(e => NameKey.Similar(e.Key, key)).Take(PerKeyLimit)]);

    private void Track(DirectoryEntry entry)
    {
        _nodes[entry.CustomerId] = _order.AddLast(entry.CustomerId);
        if (!_byKey.TryGetValue(entry.Key, out var sameKey))
        {
            _byKey[entry.Key] = sameKey = new Queue<string>();
        }

        sameKey.Enqueue(entry.CustomerId);
    }

    private void Forget(string customerId)
    {
        if (!Entries.Remove(customerId, out var entry))
        {
            return;
        }

        _order.Remove(_nodes[customerId]);
        _nodes.Remove(customerId);
        var sameKey = _byKey[entry.Key];
        var kept = sameKey.Where(id => id != customerId).ToArray();
        sameKey.Clear();
        foreach (var id in kept)
        {
            sameKey.Enqueue(id);
        }

        if (sameKey.Count == 0)
        {
            _byKey.Remove(entry.Key);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void MarkDirty()
    {
        _dirty = true;
        // Shards are created together when a burst starts; a random first due time keeps them from
        // flushing in lockstep, which would hit the database with all their writes in the same instant.
        _flush ??= this.RegisterGrainTimer(FlushAsync, FlushEvery * (1 + Random.Shared.NextDouble()), FlushEvery);
    }

    private async Task FlushAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteOrFailAsync(this, logger);
        }
        catch (GrainInterfaces.Common.CrmException)
        {
            // The activation is being deactivated and will re-read; the index is advisory, so entries filed
            // since the last write are simply filed again by their customers' next change.
        }
    }
}
