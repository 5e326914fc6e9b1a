using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace CrmActors.Grains.Reps;

/// <summary>A rep or supervisor: profile, open leads, inbox, win history and recent assignments.</summary>
public sealed class RepGrain(
    [PersistentState(RepState.StateName, CrmStorage.Name)] IPersistentState<RepState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<RepGrain> logger) : Grain, IRepGrain
{
    /// <summary>The most leads a rep can be given at once.</summary>
    public const int MaxCapacity = 10_000;

    /// <summary>How long a watch lasts without renewal.</summary>
    public static readonly TimeSpan InboxWatchExpiry = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IInboxObserver> _watchers = new(InboxWatchExpiry, logger);

    private RepState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<RepSnapshot> SaveProfileAsync(RepProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrWhiteSpace(profile.DisplayName))
        {
            throw CrmException.Invalid("displayName", "A display name is required.");
        }

        if (profile.Capacity is < 1 or > MaxCapacity)
        {
            throw CrmException.Invalid("capacity", $"Capacity must be between 1 and {MaxCapacity}.");
        }

        if (profile.SupervisorId is { } supervisorId)
        {
            if (supervisorId == Key.Id)
            {
                throw CrmException.Invalid("supervisorId", "A rep cannot supervise themselves.");
            }

            _ = await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, supervisorId)).GetAsync()
                ?? throw CrmException.NotFound("Supervisor", supervisorId, "supervisorId");
        }

        var isNew = S.Profile is null;
        S.Profile = profile;
        await state.WriteOrFailAsync(this, logger);
        if (isNew)
        {
            await GrainFactory.GetGrain<ITenantRosterGrain>(Key.Tenant).AddRepAsync(Key.Id);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<RepSnapshot?> GetAsync() => Task.FromResult(S.Profile is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task AddOpenLeadAsync(string leadId)
    {
        if (!S.OpenLeadIds.Contains(leadId))
        {
            S.OpenLeadIds.Add(leadId);
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryTakeLeadAsync(string leadId, InboxItem? notice)
    {
        if (S.OpenLeadIds.Contains(leadId))
        {
            return true;
        }

        // The rep actor is where capacity is enforced: concurrent routers may all pick this rep, but only
        // as many as fit get a yes.
        if (S.Profile is not { Active: true } profile || S.OpenLeadIds.Count >= profile.Capacity)
        {
            return false;
        }

        S.OpenLeadIds.Add(leadId);
        S.RecordAssignment(clock.GetUtcNow());
        var delivered = notice is not null && !S.HasDelivered(notice.Id);
        if (delivered)
        {
            S.AddToInbox(notice!);
        }

        await state.WriteOrFailAsync(this, logger);
        if (delivered)
        {
            Announce(notice!);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RecordOutcomeAsync(string leadId, RepWin? won)
    {
        var wasOpen = S.OpenLeadIds.Remove(leadId);
        if (S.ClosedLeadIds.Contains(leadId))
        {
            if (wasOpen)
            {
                await state.WriteOrFailAsync(this, logger);
            }

            return;
        }

        S.ClosedLeadIds.Add(leadId);
        if (S.ClosedLeadIds.Count > RepState.ClosedLimit)
        {
            S.ClosedLeadIds.RemoveRange(0, S.ClosedLeadIds.Count - RepState.ClosedLimit);
        }

        if (won is not null)
        {
            S.RecordWin(won);
        }

        await state.WriteOrFailAsync(this, logger);
    }

    /// <inheritdoc />
    public async Task RemoveOpenLeadAsync(string leadId)
    {
        if (S.OpenLeadIds.Remove(leadId))
        {
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeliverAsync(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (S.HasDelivered(item.Id))
        {
            return false;
        }

        S.AddToInbox(item);
        await state.WriteOrFailAsync(this, logger);
        Announce(item);
        return true;
    }

    /// <inheritdoc />
    public async Task<InboxItem> SetInboxStatusAsync(string itemId, InboxStatus status, string by)
    {
        var index = S.Inbox.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            throw CrmException.NotFound("Inbox item", itemId, "itemId");
        }

        var item = S.Inbox[index];
        if (status <= item.Status)
        {
            return item;
        }

        S.Inbox[index] = item with { Status = status, StatusAt = clock.GetUtcNow(), StatusBy = by };
        await state.WriteOrFailAsync(this, logger);
        Announce(S.Inbox[index]);
        return S.Inbox[index];
    }

    /// <inheritdoc />
    public Task WatchInboxAsync(IInboxObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnwatchInboxAsync(IInboxObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Tells live watchers, once the change is durable; a watcher that is gone is dropped.</summary>
    private void Announce(InboxItem item) => _watchers.Notify(watcher => watcher.InboxChanged(item));

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxItem>> GetInboxAsync() =>
        Task.FromResult<IReadOnlyList<InboxItem>>([.. Enumerable.Reverse(S.Inbox)]);

    private RepSnapshot Snapshot() => new(Key.Id, S.Profile!, [.. S.OpenLeadIds], S.Inbox.Count, [.. S.WonDeals], S.RecentAssignments(clock.GetUtcNow()));
}
