using System.Text.Json.Serialization;

namespace CrmActors.Routing;

/// <summary>
/// Where a lead goes and why: the rule that fired, the owner, the co-assignee, urgency, SLA, alerts, and every
/// candidate's score breakdown. This is what the journal stores to answer "why did this lead go to her?".
/// </summary>
public sealed record class RoutingDecision
{
    /// <summary>The lead routed.</summary>
    public required string LeadId { get; init; }

    /// <summary>The rule set version that decided.</summary>
    public required int RuleSetVersion { get; init; }

    /// <summary>The id of the rule that fired; null when no rule did and the fallback action applied.</summary>
    public string? RuleId { get; init; }

    /// <summary>The position of that rule in the rule set; null with <see cref="RuleId"/>.</summary>
    public int? RuleIndex { get; init; }

    /// <summary>
    /// True when the owner came from the fallback target: no rule fired, or the rule's target had nobody eligible
    /// (then the rule still sets urgency, SLA, alerts and co-assignment).
    /// </summary>
    public required bool UsedFallback { get; init; }

    /// <summary>The rep who owns the lead; null when nobody could take it (see <see cref="UnassignedReason"/>).</summary>
    public string? ChosenRepId { get; init; }

    /// <summary>
    /// The eligible reps picked, best first: the top N for <see cref="TargetKind.TopOfGroup"/> (fewer if fewer are
    /// eligible), otherwise just the owner. Empty when nobody was picked.
    /// </summary>
    public required IReadOnlyList<string> Shortlist { get; init; }

    /// <summary>Why the lead has no owner; null when it has one.</summary>
    public string? UnassignedReason { get; init; }

    /// <summary>The second role put on the lead; null when the action asks for none.</summary>
    public CoAssignment? CoAssignment { get; init; }

    /// <summary>Whom to escalate to when the SLA is missed: the owner's supervisor, if any.</summary>
    public string? EscalationRepId { get; init; }

    /// <summary>The lead's urgency.</summary>
    public required Urgency Urgency { get; init; }

    /// <summary>How long the owner has for the first touch, counted from <see cref="DecidedAt"/>.</summary>
    public required TimeSpan FirstTouchSla { get; init; }

    /// <summary>The first-touch deadline.</summary>
    public DateTimeOffset FirstTouchDueAt => DecidedAt + FirstTouchSla;

    /// <summary>Channels to alert the owner on.</summary>
    public required IReadOnlyList<NotifyChannel> Notify { get; init; }

    /// <summary>
    /// Every rep of the target that picked the owner: eligible ones by rank with their score breakdown, then the
    /// others with the reason they were left out. Empty in a stored decision (<see cref="StoredExplanation.Condense"/>),
    /// where the eligible ones are in <see cref="OtherEligible"/> and the others in <see cref="ExcludedByReason"/>; in a
    /// shown one (<see cref="StoredExplanation.Expand(RoutingDecision)"/>) the best-ranked eligible ones, rebuilt in full.
    /// </summary>
    public required IReadOnlyList<CandidateScore> Candidates { get; init; }

    /// <summary>
    /// In a stored or shown decision (<see cref="StoredExplanation"/>): the eligible candidates kept past those in
    /// <see cref="Candidates"/>, in rank order, with their breakdowns in compact form; null in a full decision or when
    /// there are none.
    /// </summary>
    public IReadOnlyList<CompactScore>? OtherEligible { get; init; }

    /// <summary>
    /// In a stored decision: how many eligible candidates ranked below those in <see cref="OtherEligible"/> were not
    /// kept (<see cref="StoredExplanation.EligibleKept"/>); null when none were left out.
    /// </summary>
    public int? OtherEligibleNotKept { get; init; }

    /// <summary>
    /// In a stored decision with <see cref="OtherEligible"/>: the weight of each component, in
    /// <see cref="ScoreComponents.For"/> order, as this decision applied them (the urgency weight depends on the lead).
    /// </summary>
    public IReadOnlyList<double>? ComponentWeights { get; init; }

    /// <summary>
    /// In a stored decision with <see cref="OtherEligible"/>: the components' names in order, when they are not the ten of
    /// <see cref="ScoreComponents.All"/> (the tenant weighs the lead score or data quality); null otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ComponentNames { get; init; }

    /// <summary>
    /// In a stored decision: the ids of the reps left out, by reason (their breakdowns are not kept); null in a full
    /// decision or when nobody was left out.
    /// </summary>
    public IReadOnlyDictionary<CandidateExclusion, List<string>>? ExcludedByReason { get; init; }

    /// <summary>
    /// The lead's win probability the <c>leadScore</c> component weighed; null when the tenant does not weigh it (then it
    /// is left out of the JSON) or the score was unknown (then <see cref="Notes"/> say so).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LeadScore { get; init; }

    /// <summary>The decision in sentences, in the order it was reached.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The instant the decision was made (the <c>now</c> passed in).</summary>
    public required DateTimeOffset DecidedAt { get; init; }
}
