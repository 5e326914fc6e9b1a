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

    /// <summary>
    /// The leads the rep holds, in the order they came (stored, and shown in that order). Change it only through
    /// <see cref="AddOpenLead"/> and <see cref="RemoveOpenLead"/>, which keep <see cref="HoldsLead"/>'s set in step.
    /// </summary>
    [Id(1)]
    public List<string> OpenLeadIds
    {
        get => _openLeadIds;
        set
        {
            _openLeadIds = value;
            _openSet = null;
        }
    }

    [Id(2)] public List<InboxItem> Inbox { get; set; } = [];

    /// <summary>Deals won through CrmActors, one entry per kind with its count.</summary>
    [Id(3)] public List<RepWin> WonDeals { get; set; } = [];

    // [Id(4)] held assignment times one by one; replaced by hourly counts (Id 6), which stay small.

    /// <summary>How many leads the rep was given per hour (Unix hour), oldest first, kept for <see cref="FairnessWindow"/>.</summary>
    [Id(6)] public List<HourlyCount> AssignmentsByHour { get; set; } = [];

    /// <summary>Leads whose outcome was recorded here (bounded), so a repeated outcome is not counted twice.</summary>
    [Id(5)] public List<string> ClosedLeadIds { get; set; } = [];

    /// <summary>
    /// Grows with every change of profile or load the router is told of (it ignores older reports). Hand-overs taken in
    /// memory grow it without a write, so an activation may start below what its predecessor reported: the router
    /// orders reports by <see cref="Incarnation"/> first.
    /// </summary>
    [Id(7)] public long Revision { get; set; }

    /// <summary>Grows with every activation of a rep with a profile, and is stored before that activation reports anything.</summary>
    [Id(14)] public long Incarnation { get; set; }

    /// <summary>Grows with every change of the profile or the win history (the router recompiles the roster then).</summary>
    [Id(8)] public long ProfileRevision { get; set; }

    /// <summary>
    /// When this state was last written: every hand-over journaled on the rep's assignment stream before then (less
    /// <see cref="RepGrain.CatchUpMargin"/>) is in it. Null in state written before hand-overs were taken from the stream.
    /// </summary>
    [Id(9)] public DateTimeOffset? CaughtUpTo { get; set; }

    /// <summary>
    /// Every row of the rep's assignment stream up to this row number is in this state (rows appended before it were
    /// all committed when it was chosen); the next catch-up reads after it. Null until the first catch-up.
    /// </summary>
    [Id(11)] public long? CaughtUpToRow { get; set; }

    /// <summary>Leads that stopped being this rep's without closing (reassigned, reconciled away), bounded like <see cref="ClosedLeadIds"/>.</summary>
    [Id(10)] public List<string> ReleasedLeadIds { get; set; } = [];

    /// <summary>The rep's record-keeping per UTC day over the last <see cref="RepDataQuality.WindowDays"/> days, oldest first.</summary>
    [Id(12)] public List<DailyRecords> Records { get; set; } = [];

    /// <summary>The data quality the router was last told (<see cref="RepDataQuality.Score"/>); null before any activity.</summary>
    [Id(13)] public double? DataQuality { get; set; }

    [NonSerialized] private List<string> _openLeadIds = [];

    // The open leads as a set, for the question every hand-over asks (a list of up to MaxCapacity ids was searched end to
    // end per lead). Not stored: built from the list on first use, and dropped whenever the list is replaced (a read).
    [NonSerialized] private HashSet<string>? _openSet;

    private HashSet<string> OpenSet => _openSet ??= new HashSet<string>(OpenLeadIds, StringComparer.Ordinal);

    /// <summary>Whether the rep holds the lead.</summary>
    public bool HoldsLead(string leadId) => OpenSet.Contains(leadId);

    /// <summary>Adds the lead to the open leads; false when the rep already holds it.</summary>
    public bool AddOpenLead(string leadId)
    {
        if (!OpenSet.Add(leadId))
        {
            return false;
        }

        OpenLeadIds.Add(leadId);
        return true;
    }

    /// <summary>Removes the lead from the open leads; false when the rep did not hold it.</summary>
    public bool RemoveOpenLead(string leadId)
    {
        if (!OpenSet.Remove(leadId))
        {
            return false;
        }

        OpenLeadIds.Remove(leadId);
        return true;
    }

    /// <summary>Whether the lead was this rep's and is no longer (closed or released): a hand-over row of it is history.</summary>
    public bool HasLetGo(string leadId) => ClosedLeadIds.Contains(leadId) || ReleasedLeadIds.Contains(leadId);

    /// <summary>A copy of every lead the rep holds or has let go: what a read of its assignment stream off its turn may skip.</summary>
    public HashSet<string> CopyKnownLeadIds()
    {
        var known = new HashSet<string>(OpenSet, OpenSet.Comparer);
        known.UnionWith(ClosedLeadIds);
        known.UnionWith(ReleasedLeadIds);
        return known;
    }

    /// <summary>Remembers that <paramref name="leadId"/> is no longer this rep's (bounded).</summary>
    public void Release(string leadId)
    {
        if (!ReleasedLeadIds.Contains(leadId))
        {
            ReleasedLeadIds.Add(leadId);
            if (ReleasedLeadIds.Count > ClosedLimit)
            {
                ReleasedLeadIds.RemoveRange(0, ReleasedLeadIds.Count - ClosedLimit);
            }
        }
    }

    /// <summary>How far back assignments count for fairness.</summary>
    public static readonly TimeSpan FairnessWindow = TimeSpan.FromHours(24);

    /// <summary>How many closed lead ids are remembered.</summary>
    public const int ClosedLimit = 2_000;

    /// <summary>Assignments within the fairness window before <paramref name="now"/>, counted by the hour.</summary>
    public int RecentAssignments(DateTimeOffset now)
    {
        var first = HourOf(now) - WindowHours + 1;
        return AssignmentsByHour.Where(h => h.Hour >= first).Sum(h => h.Count);
    }

    /// <summary>Records an assignment at <paramref name="now"/> and forgets the hours out of the window.</summary>
    public void RecordAssignment(DateTimeOffset now)
    {
        var hour = HourOf(now);
        AssignmentsByHour.RemoveAll(h => h.Hour <= hour - WindowHours);
        if (AssignmentsByHour.Count > 0 && AssignmentsByHour[^1].Hour == hour)
        {
            AssignmentsByHour[^1] = AssignmentsByHour[^1] with { Count = AssignmentsByHour[^1].Count + 1 };
        }
        else
        {
            AssignmentsByHour.Add(new HourlyCount(hour, 1));
        }
    }

    private static long WindowHours => (long)FairnessWindow.TotalHours;

    private static long HourOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;

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

/// <summary>A count for one hour (hours since the Unix epoch).</summary>
[GenerateSerializer, Immutable, Alias("crm.HourlyCount")]
public sealed record class HourlyCount(long Hour, int Count);
