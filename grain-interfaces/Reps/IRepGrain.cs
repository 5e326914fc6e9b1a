namespace CrmActors.GrainInterfaces.Reps;

/// <summary>A rep or supervisor: profile, open leads and inbox. Key: "{tenant}/{repId}".</summary>
public interface IRepGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the profile; the supervisor, when named, must exist.</summary>
    Task<RepSnapshot> SaveProfileAsync(RepProfile profile);

    /// <summary>The rep, or null when they do not exist; a plain read that never waits behind the rep's own calls.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RepSnapshot?> GetAsync();

    /// <summary>What routing needs of the rep (profile and load); a plain read that never waits behind the rep's own calls.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RepStatus?> GetStatusAsync();

    /// <summary>
    /// A lead that names this rep as owner (stored on the lead first) is now this rep's: it joins the open leads, a
    /// routed one counts toward fairness, and its notice lands in the inbox (all idempotent per lead and notice).
    /// Capacity is the router's to enforce before the lead is stored; a rep never refuses a lead that names them.
    /// </summary>
    Task TakeLeadAsync(LeadHandover handover);

    /// <summary>
    /// A lead of this rep closed: it leaves the open leads, and a win of <paramref name="won"/>'s kind adds to the
    /// rep's win history (idempotent per lead).
    /// </summary>
    Task RecordOutcomeAsync(string leadId, RepWin? won);

    /// <summary>
    /// Counts an activity the rep logged on their lead toward their recent data quality (sent once, after the lead
    /// stored it); when the quality changes, the router learns it with the rep's profile. Ignored for an unknown rep.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task RecordActivityAsync(ActivityRecord record);

    /// <summary>Records that a lead is no longer this rep's (idempotent).</summary>
    Task RemoveOpenLeadAsync(string leadId);

    /// <summary>
    /// Applies a reconciliation worked out by <see cref="IRepLeadsReconcilerGrain"/>: drops the listed leads that no
    /// longer name this rep, adds those that do; the router learns the new load before this answers.
    /// </summary>
    Task<RepReconciliation> ApplyReconciliationAsync(IReadOnlyList<string> remove, IReadOnlyList<string> add);

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
