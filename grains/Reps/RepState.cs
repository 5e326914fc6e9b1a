using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Reps;

/// <summary>The persisted state of a rep.</summary>
[GenerateSerializer, Alias("crm.RepState")]
public sealed class RepState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "rep";

    /// <summary>How many inbox items are kept; the oldest go first.</summary>
    public const int InboxLimit = 500;

    [Id(0)] public RepProfile? Profile { get; set; }
    [Id(1)] public List<string> OpenLeadIds { get; set; } = [];
    [Id(2)] public List<InboxItem> Inbox { get; set; } = [];

    /// <summary>Deals won through CrmActors, one entry per kind with its count.</summary>
    [Id(3)] public List<RepWin> WonDeals { get; set; } = [];

    /// <summary>When the rep was given leads, newest last, kept for <see cref="FairnessWindow"/>.</summary>
    [Id(4)] public List<DateTimeOffset> Assignments { get; set; } = [];

    /// <summary>Leads whose outcome was recorded here (bounded), so a repeated outcome is not counted twice.</summary>
    [Id(5)] public List<string> ClosedLeadIds { get; set; } = [];

    /// <summary>How far back assignments count for fairness.</summary>
    public static readonly TimeSpan FairnessWindow = TimeSpan.FromHours(24);

    /// <summary>How many closed lead ids are remembered.</summary>
    public const int ClosedLimit = 2_000;

    /// <summary>Assignments within the fairness window before <paramref name="now"/>.</summary>
    public int RecentAssignments(DateTimeOffset now) => Assignments.Count(a => a > now - FairnessWindow);

    /// <summary>Records an assignment at <paramref name="now"/> and forgets those out of the window.</summary>
    public void RecordAssignment(DateTimeOffset now)
    {
        Assignments.RemoveAll(a => a <= now - FairnessWindow);
        Assignments.Add(now);
    }

    /// <summary>Adds one win of <paramref name="won"/>'s kind.</summary>
    public void RecordWin(RepWin won)
    {
        ArgumentNullException.ThrowIfNull(won);
        var i = WonDeals.FindIndex(w => w.SameKind(won));
        if (i < 0)
        {
            WonDeals.Add(won with { Count = 1 });
        }
        else
        {
            WonDeals[i] = WonDeals[i] with { Count = WonDeals[i].Count + 1 };
        }
    }

    /// <summary>Adds an inbox item, keeping the inbox bounded.</summary>
    public void AddToInbox(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Inbox.Add(item);
        if (Inbox.Count > InboxLimit)
        {
            Inbox.RemoveRange(0, Inbox.Count - InboxLimit);
        }
    }

    /// <summary>Ids of every item ever delivered that is still kept, for idempotent delivery.</summary>
    public bool HasDelivered(string itemId) => Inbox.Exists(i => i.Id == itemId);
}
