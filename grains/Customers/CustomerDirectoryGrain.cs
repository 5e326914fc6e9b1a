using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Grains.Common;
using System.Globalization;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>
/// A shard of the duplicate-candidate index. Filing happens off intake's path (one-way calls) and is
/// written at most once per <see cref="FlushEvery"/>, so a burst of new customers costs the index a
/// handful of writes, not one per lead. A shard is a bounded snapshot: common names repeat a lot (王伟, 李娜 and
/// 张伟 each stand for hundreds of thousands of people), so it keeps the newest <see cref="PerKeyLimit"/> customers of
/// one name (as many as a lookup returns) and the newest <see cref="ShardLimit"/> in all.
/// <para>
/// Nothing that grows is rewritten per flush: a flush appends the changes since the last one as one row of the
/// shard's journal stream (committed with a small cursor state, <see cref="CustomerDirectoryLog"/>), and the whole
/// shard is written as a checkpoint only once the log since the last one holds as many changes as the shard has
/// entries (at least <see cref="CheckpointMinimum"/>); then the log rows it took in are trimmed. So a filing costs
/// the same for the first and the millionth customer of a tenant: its row, and its share of a checkpoint at most
/// twice its size. Activation reads the checkpoint and replays the rows after it.
/// </para>
/// </summary>
public sealed partial class CustomerDirectoryGrain(
    [PersistentState(CustomerDirectoryState.StateName, CrmStorage.Name)] IPersistentState<CustomerDirectoryState> state,
    [PersistentState(CustomerDirectoryLog.StateName, CrmStorage.Name)] IPersistentState<CustomerDirectoryLog> log,
    IJournal journal,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<CustomerDirectoryGrain> logger) : Grain, ICustomerDirectoryGrain
{
    /// <summary>How often pending entries are written.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);

    /// <summary>The most customers kept under one name key (a lookup returns at most this many).</summary>
    public const int PerKeyLimit = 50;

    /// <summary>The most customers one shard keeps.</summary>
    public const int ShardLimit = 20_000;

    /// <summary>The fewest logged changes that make a checkpoint (a small shard is not rewritten for every few).</summary>
    public const int CheckpointMinimum = 200;

    /// <summary>The event type of a shard's log rows.</summary>
    public const string BatchEvent = "directory.batch";

    private const int ReplayPage = 500;

    // Filing order (oldest first) of the whole shard and of each key, rebuilt from the stored entries on activation.
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _byKey = new(StringComparer.Ordinal);
    private readonly List<DirectoryChange> _pending = [];
    private IGrainTimer? _flush;
    private long _logged;

    private Dictionary<string, DirectoryEntry> Entries => state.State.Entries;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <summary>The shard's journal stream (its log).</summary>
    public static string Stream(string shard) => $"directory:{shard}";

    private string LogStream => Stream(GrainKeys.Parse(this.GetPrimaryKeyString()).Id);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in Entries.Values.OrderBy(e => e.Filed))
        {
            Track(entry);
        }

        var after = state.State.AfterRow;
        IReadOnlyList<(long Row, PendingJournalEntry Entry)> rows;
        do
        {
            rows = await journal.ReadStreamAfterAsync(Tenant, LogStream, after, ReplayPage, BatchEvent, cancellationToken);
            foreach (var (row, entry) in rows)
            {
                after = row;
                var batch = JsonSerializer.Deserialize<DirectoryBatch>(entry.Payload, JsonOptions)!;
                if (batch.Batch <= state.State.Batch)
                {
                    continue;
                }

                foreach (var change in batch.Changes)
                {
                    Apply(change);
                }

                _logged += batch.Changes.Count;
                state.State.Batch = batch.Batch;
            }
        }
        while (rows.Count == ReplayPage);

        log.State.Batch = Math.Max(log.State.Batch, state.State.Batch);
    }

    /// <inheritdoc />
    public Task FileAsync(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Entries.TryGetValue(entry.CustomerId, out var existing) && existing with { Filed = 0 } == entry with { Filed = 0 })
        {
            return Task.CompletedTask;
        }

        Change(new DirectoryChange(entry with { Filed = state.State.Filed + 1 }));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string customerId)
    {
        if (Entries.ContainsKey(customerId))
        {
            Change(new DirectoryChange(Removed: customerId));
        }

        return Task.CompletedTask;
    }

    private void Change(DirectoryChange change)
    {
        Apply(change);
        _pending.Add(change);
        // Shards are created together when a burst starts; a random first due time keeps them from
        // flushing in lockstep, which would hit the database with all their writes in the same instant.
        _flush ??= this.RegisterGrainTimer(FlushAsync, FlushEvery * (1 + Random.Shared.NextDouble()), FlushEvery);
    }

    /// <summary>Applies a change, live or replayed: the same bounds either way, so a replay rebuilds the same shard.</summary>
    private void Apply(DirectoryChange change)
    {
        if (change.Removed is { } removed)
        {
            Forget(removed);
            return;
        }

        var filed = change.Entry!;
        Forget(filed.CustomerId);
        Entries[filed.CustomerId] = filed;
        state.State.Filed = Math.Max(state.State.Filed, filed.Filed);
        Track(filed);
        while (_byKey[filed.Key].Count > PerKeyLimit)
        {
            Forget(_byKey[filed.Key].Peek());
        }

        while (Entries.Count > ShardLimit)
        {
            Forget(_order.First!.Value);
        }
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

    private async Task FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = new DirectoryBatch(log.State.Batch + 1, [.. _pending]);
        _pending.Clear();
        try
        {
            log.State.Batch = batch.Batch;
            log.State.Outgoing.Add(Tenant, LogStream, new PendingJournalEntry(
                $"{LogStream}:{batch.Batch.ToString(CultureInfo.InvariantCulture)}", BatchEvent, clock.GetUtcNow(), JsonSerializer.Serialize(batch, JsonOptions)));
            await log.WriteWithRowsAsync(this, journal, logger);
            state.State.Batch = batch.Batch;
            _logged += batch.Changes.Count;
            if (_logged >= Math.Max(CheckpointMinimum, Entries.Count))
            {
                await CheckpointAsync();
            }
        }
        catch (GrainInterfaces.Common.CrmException)
        {
            // The activation is being deactivated and will re-read; the index is advisory, so entries filed
            // since the last write are simply filed again by their customers' next change.
        }
    }

    private async Task CheckpointAsync()
    {
        // Only this activation appends to the stream, one batch after another, so its newest row is the batch just
        // committed, and every row up to it is in the entries written now.
        var through = await journal.LastRowAsync(Tenant, LogStream);
        state.State.AfterRow = through;
        await state.WriteOrFailAsync(this, logger);
        _logged = 0;
        await journal.TrimStreamAsync(Tenant, LogStream, through);
        LogCheckpoint(logger, this.GetPrimaryKeyString(), Entries.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Directory shard {Shard} checkpointed with {Entries} entries")]
    private static partial void LogCheckpoint(ILogger logger, string shard, int entries);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
