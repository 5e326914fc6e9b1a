using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Leads;

/// <summary>
/// Something a rep must learn about this lead, owed since <paramref name="At"/>: written in the same state write as
/// the change that causes it (the lead names its owner first), done right after, and done again by the lead's wake-up
/// until the rep has it (every kind is idempotent on the rep's side).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.OwedRepUpdate")]
public sealed record class OwedRepUpdate(
    string RepId,
    RepUpdateKind Kind,
    DateTimeOffset At,
    InboxItem? Notice = null,
    bool Routed = false,
    RepWin? Won = null);

/// <summary>What a rep must learn about a lead.</summary>
public enum RepUpdateKind
{
    /// <summary>The lead is theirs now (with its notice; a routed one counts toward fairness).</summary>
    Take = 0,

    /// <summary>The lead is no longer theirs (reassigned or returned to marketing).</summary>
    Release = 1,

    /// <summary>The lead closed (with the win's kind when it was won).</summary>
    Close = 2,

    /// <summary>An inbox item only (a co-assignment).</summary>
    Notify = 3,
}
