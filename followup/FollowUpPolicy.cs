using System.Text.Json;

namespace CrmActors.FollowUp;

/// <summary>
/// A tenant's follow-up discipline as data it can edit: working calendar, escalation chain, promise countdowns,
/// the 3-minute rule, customer silence, calendar cross-check, evidence, lead quality light and next-step hints.
/// Every member has the field's default (S3, S4, S5, S8), so <c>{}</c> is a complete policy.
/// </summary>
public sealed class FollowUpPolicy
{
    /// <summary>The tenant's working calendar; null measures everything in elapsed time.</summary>
    public CalendarPolicy? Calendar { get; init; }

    /// <summary>Steps applied while an assigned lead has no new activity, each counted from the last activity (or the assignment).</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; init; } =
    [
        new() { AfterDays = 3, Action = EscalationAction.RemindRep },
        new() { AfterDays = 5, Action = EscalationAction.CopySupervisor },
        new() { AfterDays = 7, Action = EscalationAction.Reassign },
    ];

    /// <summary>The countdown a sent proposal starts.</summary>
    public PromisePolicy Promises { get; init; } = new();

    /// <summary>Minutes after a reported contact (call, chat) within which an activity must be logged (the 3-minute rule).</summary>
    public int ContactLogMinutes { get; init; } = 3;

    /// <summary>Days without a new activity on any of a customer's leads before the rep and the supervisor get a to-do.</summary>
    public int CustomerSilenceDays { get; init; } = 7;

    /// <summary>Hours within which a service ticket should be resolved (counted in the calendar's open time when it has one); then it escalates.</summary>
    public int TicketResolutionHours { get; init; } = 48;

    /// <summary>How far, in minutes, a typed next follow-up may be from its linked calendar appointment before the supervisor is warned.</summary>
    public int CalendarToleranceMinutes { get; init; } = 120;

    /// <summary>Activity types that must carry at least one evidence reference (recording, screenshot, receipt, invite).</summary>
    public IReadOnlyList<string> EvidenceRequiredFor { get; init; } = [];

    /// <summary>Outcomes that say nothing ("contacted, awaiting feedback"): an activity whose every field is one of these is refused.</summary>
    public IReadOnlyList<string> EmptyPhrases { get; init; } =
        ["contacted, awaiting feedback", "contacted", "awaiting feedback", "no update", "已联系，等待反馈", "已联系", "等待反馈", "待反馈"];

    /// <summary>The lead quality light agreed between marketing and sales.</summary>
    public QualityPolicy Quality { get; init; } = new();

    /// <summary>
    /// Webhook channels (<c>sms</c>, <c>dingTalk</c>, <c>weCom</c>, <c>email</c>; configured under notification-channels)
    /// that also receive the yellow and red alerts: escalations, broken promises, calendar mismatches, returned leads.
    /// </summary>
    public IReadOnlyList<string> AlertChannels { get; init; } = [];

    /// <summary>The channel names <see cref="AlertChannels"/> accepts (the product's webhook channels).</summary>
    public static IReadOnlyList<string> WebhookChannels { get; } = ["sms", "dingTalk", "weCom", "email"];

    /// <summary>Discount approval tiers, reminders and escalation.</summary>
    public ApprovalPolicy Approvals { get; init; } = new();

    /// <summary>After-sales cycles: the visits an event such as installation-complete schedules, and who makes them.</summary>
    public ServiceCyclePolicy Service { get; init; } = new();

    /// <summary>The customer health light's thresholds.</summary>
    public HealthPolicy Health { get; init; } = new();

    /// <summary>When a lead counts as an opportunity.</summary>
    public OpportunityPolicy Opportunity { get; init; } = new();

    /// <summary>The manager dashboard's thresholds (S7's unless the tenant sets its own).</summary>
    public DashboardPolicy Dashboard { get; init; } = new();

    /// <summary>Next-step hints, first listed first.</summary>
    public IReadOnlyList<HintRule> Hints { get; init; } = HintRule.FieldDefaults;

    /// <summary>The default policy.</summary>
    public static FollowUpPolicy Default { get; } = new();

    /// <summary>Reads a policy from its JSON form; every problem, including unknown members and wrong types, is returned.</summary>
    public static (FollowUpPolicy? Policy, IReadOnlyList<FollowUpError> Errors) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FollowUpPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<FollowUpPolicy>(json, FollowUpJson.Options);
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonInputError.Describe(ex, typeof(FollowUpPolicy), FollowUpJson.Options);
            return (null, [new FollowUpError(field, message)]);
        }

        if (policy is null)
        {
            return (null, [new FollowUpError("$", "The policy must be a JSON object.")]);
        }

        var errors = FollowUpPolicyValidator.Validate(policy);
        return errors.Count == 0 ? (policy, errors) : (null, errors);
    }

    /// <summary>The policy's JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, FollowUpJson.Options);
}

/// <summary>The working calendar SLAs can be measured in.</summary>
public sealed class CalendarPolicy
{
    /// <summary>An IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Open intervals per weekday (<c>mon</c> .. <c>sun</c>), each <c>"09:00-12:00"</c>; a day not listed is closed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Hours { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Local dates closed whatever their weekday (<c>2026-10-01</c>).</summary>
    public IReadOnlyList<string> Holidays { get; init; } = [];

    /// <summary>Local dates worked although their weekday is closed (adjusted working weekends); they use Monday's hours.</summary>
    public IReadOnlyList<string> ExtraWorkdays { get; init; } = [];

    /// <summary>True to measure first-touch windows in open time (a 2 h window given at Friday 17:00 ends Monday 10:00).</summary>
    public bool UseForFirstTouch { get; init; } = true;
}

/// <summary>What an escalation step does.</summary>
public enum EscalationAction
{
    /// <summary>A reminder in the owner's inbox.</summary>
    RemindRep,

    /// <summary>The owner's supervisor gets a copy (the owner is reminded too).</summary>
    CopySupervisor,

    /// <summary>The lead is routed again, never back to a previous owner; flagged when nobody can take it.</summary>
    Reassign,

    /// <summary>The lead is flagged red on the supervisor's board.</summary>
    Flag,
}

/// <summary>One step of the escalation chain.</summary>
public sealed class EscalationStep
{
    /// <summary>Days without activity after which the step applies.</summary>
    public int AfterDays { get; init; }

    /// <summary>What the step does.</summary>
    public EscalationAction Action { get; init; }
}

/// <summary>The countdown a sent proposal starts (S3).</summary>
public sealed class PromisePolicy
{
    /// <summary>Hours within which the customer should open it; otherwise the rep is nudged.</summary>
    public int NotOpenedHours { get; init; } = 72;

    /// <summary>Days within which the customer should read it; otherwise it goes red on the supervisor's board.</summary>
    public int NotReadDays { get; init; } = 7;
}
