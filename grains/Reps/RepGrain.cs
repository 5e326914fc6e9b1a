using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace CrmActors.Grains.Reps;

/// <summary>
/// A rep or supervisor: profile, open leads, inbox, win history and recent assignments. A change of profile is told to
/// the tenant's router after it is stored and before it is answered, so routing decisions that start after the answer
/// see it; a change of load is told one-way right after it is stored. Hand-overs intake committed on the rep's
/// assignment stream are taken in memory and stored with the next write (RepGrain.Journal.cs).
/// </summary>
public sealed partial class RepGrain(
    [PersistentState(RepState.StateName, CrmStorage.Name)] IPersistentState<RepState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    IJournal journal,
    Microsoft.Extensions.Options.IOptions<RepOptions> options,
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

            _ = await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, supervisorId)).GetProfileAsync()
                ?? throw CrmException.NotFound("Supervisor", supervisorId, "supervisorId");
        }

        var isNew = S.Profile is null;
        S.Profile = profile;
        S.ProfileRevision++;
        S.Revision++;
        await WriteAsync();

        // Acknowledged only once the router has it: the next decision after this answer sees the new profile.
        await Router().RepChangedAsync(Status(null));
        if (isNew)
        {
            await GrainFactory.GetGrain<ITenantRosterGrain>(Key.Tenant).AddRepAsync(Key.Id);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public Task<RepSnapshot?> GetAsync() => Task.FromResult(S.Profile is null ? null : Snapshot());

    /// <inheritdoc />
    public Task<RepStatus?> GetStatusAsync() => Task.FromResult(S.Profile is null ? null : Status(null));

    /// <inheritdoc />
    public async Task TakeLeadAsync(LeadHandover handover)
    {
        ArgumentNullException.ThrowIfNull(handover);
        if (handover.Journaled && S.CaughtUpTo is not null)
        {
            await TakeJournaledAsync(handover);
            return;
        }

        S.ReleasedLeadIds.Remove(handover.LeadId);
        var added = S.AddOpenLead(handover.LeadId);
        if (added)
        {
            if (handover.Routed)
            {
                S.RecordAssignment(clock.GetUtcNow());
            }
        }

        // The notice goes with the lead only (as on the stream, RepGrain.Journal.cs): a lead the rep already holds was
        // announced when it came. A lead actor starting for the first time hands over a lead intake gave the rep long
        // ago; once its notice has left the bounded inbox, adding it again would show old news as new and rewrite the
        // rep's state for every such lead read.
        var delivered = added && handover.Notice is { } notice && !S.HasDelivered(notice.Id);
        if (delivered)
        {
            S.AddToInbox(handover.Notice!);
        }

        if (added || delivered)
        {
            await WriteAndTellRouterAsync(handover.LeadId);
        }
        else
        {
            // A hand-over repeated after a crash: nothing to store, but the router may still hold room for it.
            await TellRouterAsync(handover.LeadId);
        }

        if (delivered)
        {
            Announce(handover.Notice!);
        }
    }

    /// <inheritdoc />
    public async Task RecordOutcomeAsync(string leadId, RepWin? won)
    {
        var wasOpen = S.RemoveOpenLead(leadId);
        if (S.ClosedLeadIds.Contains(leadId))
        {
            if (wasOpen)
            {
                await WriteAndTellRouterAsync(null);
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
            S.ProfileRevision++;
        }

        await WriteAndTellRouterAsync(null);
    }

    /// <inheritdoc />
    public async Task RecordActivityAsync(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (S.Profile is null)
        {
            return;
        }

        RepDataQuality.Add(S.Records, record);
        var quality = RepDataQuality.Score(S.Records, clock.GetUtcNow());
        if (quality == S.DataQuality)
        {
            // Counted; stored with the next write. The router's profile is unchanged, so it is not told.
            _unwritten++;
            return;
        }

        // A new score is part of the profile routing compiles: told like a change of profile, one-way.
        S.DataQuality = quality;
        S.ProfileRevision++;
        await WriteAndTellRouterAsync(null);
    }

    /// <inheritdoc />
    public async Task RemoveOpenLeadAsync(string leadId)
    {
        if (S.RemoveOpenLead(leadId))
        {
            S.Release(leadId);
            await WriteAndTellRouterAsync(null);
        }
    }

    /// <inheritdoc />
    public async Task<RepReconciliation> ApplyReconciliationAsync(IReadOnlyList<string> remove, IReadOnlyList<string> add)
    {
        ArgumentNullException.ThrowIfNull(remove);
        ArgumentNullException.ThrowIfNull(add);
        if (S.Profile is null)
        {
            throw CrmException.NotFound("Rep", Key.Id, "repId");
        }

        var removed = remove.Where(S.RemoveOpenLead).ToArray();
        var added = add.Where(S.AddOpenLead).ToArray();
        foreach (var id in removed)
        {
            S.Release(id);
        }

        S.ReleasedLeadIds.RemoveAll(added.Contains);
        if (removed.Length + added.Length > 0)
        {
            await WriteAndTellRouterAsync(null);
        }

        return new RepReconciliation(removed, added, [.. S.OpenLeadIds]);
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
        await WriteAsync();
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
        await WriteAsync();
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

    /// <summary>
    /// Stores a change of load, then tells the router one-way: a rep holding a lead's hand-over never waits on the router
    /// (the router reserved the room before the lead was stored, so until this report arrives it already counts the lead).
    /// </summary>
    private async Task WriteAndTellRouterAsync(string? tookLeadId)
    {
        S.Revision++;
        await WriteAsync();
        await TellRouterAsync(tookLeadId);
    }

    private Task TellRouterAsync(string? tookLeadId) => S.Profile is null ? Task.CompletedTask : Router().RepLoadChangedAsync(Status(tookLeadId));

    private IRouterGrain Router() => GrainFactory.GetGrain<IRouterGrain>(GrainKeys.For(Key.Tenant, IRouterGrain.Id));

    private RepStatus Status(string? tookLeadId) =>
        new(Key.Id, S.Revision, S.ProfileRevision, S.Profile!, [.. S.WonDeals], S.OpenLeadIds.Count, S.RecentAssignments(clock.GetUtcNow()), tookLeadId, S.DataQuality, S.Incarnation);

    private RepSnapshot Snapshot() => new(Key.Id, S.Profile!, [.. S.OpenLeadIds], S.Inbox.Count, [.. S.WonDeals], S.RecentAssignments(clock.GetUtcNow()), S.DataQuality);
}
