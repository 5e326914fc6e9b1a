namespace CrmActors.GrainInterfaces.Reps;

/// <summary>A rep or supervisor: profile, open leads and inbox. Key: "{tenant}/{repId}".</summary>
public interface IRepGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the profile; the supervisor, when named, must exist.</summary>
    Task<RepSnapshot> SaveProfileAsync(RepProfile profile);

    /// <summary>The rep, or null when they do not exist.</summary>
    Task<RepSnapshot?> GetAsync();

    /// <summary>Records that a lead is now this rep's (idempotent).</summary>
    Task AddOpenLeadAsync(string leadId);

    /// <summary>
    /// Takes a lead if the rep is active and below capacity (idempotent); false when the rep cannot take it. A
    /// taken lead counts toward fairness, and <paramref name="notice"/> lands in the inbox in the same write.
    /// </summary>
    Task<bool> TryTakeLeadAsync(string leadId, InboxItem? notice);

    /// <summary>
    /// A lead of this rep closed: it leaves the open leads, and a win of <paramref name="won"/>'s kind adds to the
    /// rep's win history (idempotent per lead).
    /// </summary>
    Task RecordOutcomeAsync(string leadId, RepWin? won);

    /// <summary>Records that a lead is no longer this rep's (idempotent).</summary>
    Task RemoveOpenLeadAsync(string leadId);

    /// <summary>Delivers an inbox item; returns false when an item with that id was already delivered.</summary>
    Task<bool> DeliverAsync(InboxItem item);

    /// <summary>
    /// Moves an inbox item forward to <paramref name="status"/> (read, acknowledged, completed); an item already
    /// further along is left as it is. Throws not-found for an unknown item.
    /// </summary>
    Task<InboxItem> SetInboxStatusAsync(string itemId, InboxStatus status, string by);

    /// <summary>Starts or renews a live watch of the inbox; renew within <c>InboxWatchExpiry</c> to keep it.</summary>
    Task WatchInboxAsync(IInboxObserver observer);

    /// <summary>Ends a live watch.</summary>
    Task UnwatchInboxAsync(IInboxObserver observer);

    /// <summary>The inbox, newest first.</summary>
    Task<IReadOnlyList<InboxItem>> GetInboxAsync();
}
