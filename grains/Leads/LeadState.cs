using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.Grains.Leads;

/// <summary>The persisted state of a lead.</summary>
[GenerateSerializer, Alias("crm.LeadState")]
public sealed class LeadState : IWakeUpState
{
    /// <summary>The storage state name; distinct per grain class because rows are keyed by state name and key.</summary>
    public const string StateName = "lead";

    /// <summary>How many history entries a lead keeps in its state (the journal keeps all).</summary>
    public const int HistoryLimit = 200;

    [Id(0)] public NewLead? Captured { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public LeadStage Stage { get; set; }
    [Id(3)] public string? OwnerRepId { get; set; }
    [Id(4)] public DateTimeOffset? AssignedAt { get; set; }
    [Id(5)] public DateTimeOffset? FirstTouchDueAt { get; set; }
    [Id(6)] public DateTimeOffset? FirstTouchAt { get; set; }
    [Id(7)] public DateTimeOffset? OverdueAt { get; set; }
    [Id(8)] public int EscalationLevel { get; set; }
    [Id(9)] public List<LeadEvent> History { get; set; } = [];

    /// <summary>An overdue alert still owed, as states written before issue 5 recorded it (alerts are now delivered idempotently before the write).</summary>
    [Id(10)] public string? PendingAlertTo { get; set; }

    /// <summary>
    /// Starts the state of a lead that intake stored in its customer (not yet written as a lead row), with the routing
    /// decision intake took in that write: owner, deadline and decision (what the owner and the channels are owed of it
    /// is the lead actor's to add, LeadGrain.AdoptCapturedRoutingAsync).
    /// </summary>
    public void StartFrom(CapturedLead captured)
    {
        ArgumentNullException.ThrowIfNull(captured);
        Captured = captured.Lead;
        CreatedAt = captured.CreatedAt;
        Stage = LeadStage.New;
        History = [CreatedEvent(captured)];
        if (captured.Routing is not { } routed)
        {
            return;
        }

        var d = routed.Decision;
        Routing = new LeadRouting(d.RuleSetVersion, d.RuleId, d.ChosenRepId, d.DecisionJson, routed.DecidedAt, d.Urgency, d.UnassignedReason);
        RoutingDecisions = 1;
        var how = $"by routing v{d.RuleSetVersion} ({d.RuleId ?? "fallback"}), requested by intake";
        if (d.ChosenRepId is { } owner)
        {
            OwnerRepId = owner;
            AssignedAt = routed.DecidedAt;
            FirstTouchDueAt = routed.FirstTouchDueAt;
            Stage = LeadStage.Assigned;
            CoAssigneeRepId = d.CoAssigneeRepId;
            Handovers = 1;
            Record(routed.DecidedAt, "assigned", $"to {owner} {how}; first touch due {routed.FirstTouchDueAt:u}");
        }
        else
        {
            Record(routed.DecidedAt, "routing-unassigned", $"rule set v{d.RuleSetVersion}, rule {d.RuleId ?? "fallback"}: {d.UnassignedReason ?? "nobody could take it"} (requested by intake)");
        }
    }

    /// <summary>The snapshot of this state for lead <paramref name="leadId"/>.</summary>
    public LeadSnapshot Snapshot(string leadId) => new(
        leadId, Captured!, CreatedAt, Stage, OwnerRepId, AssignedAt, FirstTouchDueAt, FirstTouchAt, OverdueAt, EscalationLevel, [.. History], Routing, CoAssigneeRepId, ClosedAt,
        Funnel, Quality, [.. Activities], [.. Deadlines.OrderBy(d => d.DueAt)], Flag, LastActivityAt, [.. Coordinations], Score);

    /// <summary>The snapshot of a lead just captured, as intake answers it.</summary>
    public static LeadSnapshot SnapshotOf(CapturedLead captured)
    {
        var state = new LeadState();
        state.StartFrom(captured);
        return state.Snapshot(captured.LeadId);
    }

    /// <summary>The first history entry of every lead.</summary>
    public static LeadEvent CreatedEvent(CapturedLead captured)
    {
        ArgumentNullException.ThrowIfNull(captured);
        return new LeadEvent(captured.CreatedAt, "created", $"captured from {captured.Lead.Channel} by {captured.Lead.CreatedBy}");
    }

    /// <summary>The latest routing decision.</summary>
    [Id(11)] public LeadRouting? Routing { get; set; }

    /// <summary>Reps who owned the lead before; reassignment never returns it to them.</summary>
    [Id(12)] public List<string> PreviousOwners { get; set; } = [];

    /// <summary>The second person routing put on the lead (supervisor or technical engineer), if any.</summary>
    [Id(13)] public string? CoAssigneeRepId { get; set; }

    /// <summary>When the lead was closed as won or lost.</summary>
    [Id(14)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The lead's outbox: notifications owed (written with the change that caused them).</summary>
    [Id(15)] public List<PendingNotification> Notifications { get; set; } = [];

    /// <summary>
    /// The earliest of: a send the outbox has due, and the next deadline. The storage's sweeper wakes the lead then,
    /// also after a crash, so a deadline that fell due while its silo was down is applied at the first sweep after the
    /// restart; the deadline reminder stays the trigger in the normal case (and without that storage).
    /// </summary>
    public DateTimeOffset? WakeUpAt
    {
        get
        {
            DateTimeOffset? notify = Notifications.Count == 0 ? null : Notifications.Min(n => n.NextAttemptAt);
            DateTimeOffset? journal = Journal.Count == 0 ? null : JournalRetryAt ?? Journal[0].At;
            DateTimeOffset? handover = RepUpdates.Count == 0 ? null : RepUpdatesRetryAt ?? RepUpdates[0].At;
            return Earliest(Earliest(Earliest(notify, journal), handover), NextDueAt(AssignedAt ?? CreatedAt));
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Pending deadlines besides the first touch (escalation steps, follow-ups, promises, the 3-minute rule, return to marketing).</summary>
    [Id(16)] public List<LeadDeadline> Deadlines { get; set; } = [];

    /// <summary>The latest activities, oldest first (the journal keeps all).</summary>
    [Id(17)] public List<LeadActivity> Activities { get; set; } = [];

    /// <summary>How far the activities took the lead.</summary>
    [Id(18)] public FunnelStage Funnel { get; set; }

    /// <summary>The quality light and why.</summary>
    [Id(19)] public LeadQuality? Quality { get; set; }

    /// <summary>Why the lead is flagged red on the supervisor's board, if it is.</summary>
    [Id(20)] public string? Flag { get; set; }

    /// <summary>When the latest activity was logged.</summary>
    [Id(21)] public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>The due time the deadline reminder is registered for; null when none is (see LeadGrain's reminder rules).</summary>
    [Id(22)] public DateTimeOffset? ArmedFor { get; set; }

    /// <summary>Seconds on the site over all reported visits.</summary>
    [Id(23)] public int SecondsOnSite { get; set; }

    /// <summary>Pages viewed, as reported (bounded).</summary>
    [Id(24)] public List<string> Pages { get; set; } = [];

    /// <summary>Documents downloaded over all visits.</summary>
    [Id(25)] public int Downloads { get; set; }

    /// <summary>True once any site visit was reported.</summary>
    [Id(26)] public bool VisitedSite { get; set; }

    /// <summary>Service tickets waiting for sales to act on this lead (each stops at the next activity).</summary>
    [Id(27)] public List<PendingCoordination> Coordinations { get; set; } = [];

    /// <summary>When and by whom the lead was claimed as an opportunity.</summary>
    [Id(28)] public DateTimeOffset? OpportunityClaimedAt { get; set; }

    [Id(29)] public string? OpportunityClaimedBy { get; set; }

    /// <summary>When and by whom the supervisor confirmed the claim.</summary>
    [Id(30)] public DateTimeOffset? OpportunityConfirmedAt { get; set; }

    [Id(31)] public string? OpportunityConfirmedBy { get; set; }

    /// <summary>Journal rows owed (written with the change that caused them, sent after; see LeadGrain.Journal.cs).</summary>
    [Id(32)] public List<Common.PendingJournalEntry> Journal { get; set; } = [];

    /// <summary>When a failed journal send is tried again.</summary>
    [Id(33)] public DateTimeOffset? JournalRetryAt { get; set; }

    /// <summary>When an activity first took the lead to qualifying or beyond (marketing- to sales-qualified).</summary>
    [Id(35)] public DateTimeOffset? QualifiedAt { get; set; }

    /// <summary>When an activity first took the lead to a demo or visit.</summary>
    [Id(36)] public DateTimeOffset? DemonstratedAt { get; set; }

    /// <summary>Customer actions reported by integrations (site visits, documents opened or read, contacts).</summary>
    [Id(37)] public int CustomerActions { get; set; }

    [Id(38)] public DateTimeOffset? LastCustomerActionAt { get; set; }

    /// <summary>Minutes from a service ticket's flag to sales' first activity, per stopped coordination.</summary>
    [Id(39)] public List<double> CoordinationMinutes { get; set; } = [];

    /// <summary>What reps still have to learn about this lead (hand-overs, releases, outcomes), oldest first; see <see cref="OwedRepUpdate"/>.</summary>
    [Id(40)] public List<OwedRepUpdate> RepUpdates { get; set; } = [];

    /// <summary>When a failed hand-over is tried again.</summary>
    [Id(41)] public DateTimeOffset? RepUpdatesRetryAt { get; set; }

    /// <summary>How many routing decisions the lead has had (numbers each one's journal row).</summary>
    [Id(42)] public int RoutingDecisions { get; set; }

    /// <summary>How many times the lead was handed to a rep (numbers each hand-over's row in the rep's stream).</summary>
    [Id(43)] public int Handovers { get; set; }

    /// <summary>The latest conversion score (refreshed when an activity or signal changes the lead).</summary>
    [Id(34)] public LeadScore? Score { get; set; }

    /// <summary>How many activities a lead keeps in its state.</summary>
    public const int ActivityLimit = 100;

    /// <summary>How many viewed pages a lead keeps.</summary>
    public const int PageLimit = 200;

    /// <summary>True while sales holds the lead: not closed and not returned to marketing.</summary>
    public bool IsWithSales => !IsClosed && Stage != LeadStage.Returned;

    /// <summary>The earliest instant something is due: a pending first touch, an undelivered alert, or a deadline.</summary>
    public DateTimeOffset? NextDueAt(DateTimeOffset now)
    {
        DateTimeOffset? next = PendingAlertTo is not null ? now : null;
        if (FirstTouchDeadline.IsPending(this) && (next is null || FirstTouchDueAt < next))
        {
            next = FirstTouchDueAt;
        }

        foreach (var deadline in Deadlines)
        {
            if (next is null || deadline.DueAt < next)
            {
                next = deadline.DueAt;
            }
        }

        return next;
    }

    /// <summary>Adds a deadline unless one with its id is pending.</summary>
    public void AddDeadline(LeadDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (!Deadlines.Exists(d => d.Id == deadline.Id))
        {
            Deadlines.Add(deadline);
        }
    }

    /// <summary>Appends an activity, keeping the list bounded.</summary>
    public void AddActivity(LeadActivity activity)
    {
        Activities.Add(activity);
        if (Activities.Count > ActivityLimit)
        {
            Activities.RemoveRange(0, Activities.Count - ActivityLimit);
        }
    }

    /// <summary>What the quality rules can read of this lead.</summary>
    public LeadFacts Facts(bool validPhone) => new(
        VisitedSite ? SecondsOnSite : null,
        VisitedSite ? Pages.Count : null,
        VisitedSite ? Downloads : null,
        VisitedSite ? Pages.Count > 0 && Pages.TrueForAll(p => p == "/") : null,
        validPhone,
        Captured?.Qualification?.Quality,
        Captured?.Channel);

    /// <summary>True once the lead is won or lost.</summary>
    public bool IsClosed => Stage is LeadStage.Won or LeadStage.Lost;

    /// <summary>True once the lead was captured.</summary>
    public bool Exists => Captured is not null;

    /// <summary>Appends to the history, keeping it bounded.</summary>
    public void Record(DateTimeOffset at, string type, string detail)
    {
        History.Add(new LeadEvent(at, type, detail));
        if (History.Count > HistoryLimit)
        {
            History.RemoveRange(0, History.Count - HistoryLimit);
        }
    }
}
