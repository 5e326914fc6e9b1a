namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// Someone watching a rep's inbox live (the web API's event stream): told of every item delivered or moved
/// forward. Subscriptions expire unless renewed (<see cref="IRepGrain.WatchInboxAsync"/>), so a watcher that
/// vanished stops costing anything.
/// </summary>
public interface IInboxObserver : IGrainObserver
{
    /// <summary>An item arrived or changed status.</summary>
    void InboxChanged(InboxItem item);
}
