using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>
/// A shard of the duplicate-candidate index. Filing happens off intake's path (one-way calls) and is
/// written at most once per <see cref="FlushEvery"/>, so a burst of new customers costs the index a
/// handful of writes, not one per lead.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState(CustomerDirectoryState.StateName, CrmStorage.Name)] IPersistentState<CustomerDirectoryState> state,
    ILogger<CustomerDirectoryGrain> logger) : Grain, ICustomerDirectoryGrain
{
    /// <summary>How often pending entries are written.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);

    private IGrainTimer? _flush;
    private bool _dirty;

    /// <inheritdoc />
    public Task FileAsync(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!state.State.Entries.TryGetValue(entry.CustomerId, out var existing) || existing != entry)
        {
            state.State.Entries[entry.CustomerId] = entry;
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string customerId)
    {
        if (state.State.Entries.Remove(customerId))
        {
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectoryEntry>> FindSimilarAsync(string key) =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. state.State.Entries.Values.Where(e => NameKey.Similar(e.Key, key)).Take(50)]);

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
