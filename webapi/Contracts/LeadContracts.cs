namespace CrmActors.WebApi.Contracts;

/// <summary>
/// The body of POST /api/v1/leads: at most five fields matter; the rest are optional. <c>province</c> and <c>city</c>
/// (Chinese or pinyin) say where the lead is; <c>region</c> stays the free text routing matches against reps' regions.
/// </summary>
public sealed record class CreateLeadRequest(
    string? Name,
    string? Phone,
    string? Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company,
    string? Industry = null,
    string? InstitutionLevel = null,
    string? Region = null,
    string? Language = null,
    decimal? Budget = null,
    int? Quality = null,
    string? Province = null,
    string? City = null);

/// <summary>The body of POST /api/v1/leads/{id}/assignment.</summary>
public sealed record class AssignLeadRequest(string? RepId, int? FirstTouchWithinSeconds);

/// <summary>The body of POST /api/v1/leads/{id}/outcome: "won" or "lost", and why.</summary>
public sealed record class LeadOutcomeRequest(string? Result, string? Reason);

/// <summary>The body of POST /api/v1/leads/{id}/touches.</summary>
public sealed record class TouchLeadRequest(string? Kind, string? Note);

/// <summary>
/// A lead as the API returns it; <c>intakeOutcome</c> (Created, Duplicate, Replayed) only on submissions.
/// <c>province</c>/<c>city</c> say where the lead is and <c>regionSource</c> which source said it (<c>form</c>,
/// <c>phone</c>, <c>rep-territory</c>); all three are null when nothing did.
/// </summary>
public sealed record class LeadResponse(
    string Id,
    string Name,
    string Phone,
    string Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Stage,
    string? OwnerRepId,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? FirstTouchDueAt,
    DateTimeOffset? FirstTouchAt,
    DateTimeOffset? OverdueAt,
    int EscalationLevel,
    IReadOnlyList<LeadEventResponse> History,
    string? CustomerId = null,
    string? IntakeOutcome = null,
    string? Industry = null,
    string? InstitutionLevel = null,
    string? Region = null,
    string? Language = null,
    decimal? Budget = null,
    int? Quality = null,
    string? CoAssigneeRepId = null,
    DateTimeOffset? ClosedAt = null,
    string? Funnel = null,
    LeadQualityResponse? QualityLight = null,
    string? Flag = null,
    DateTimeOffset? LastActivityAt = null,
    IReadOnlyList<LeadDeadlineResponse>? Deadlines = null,
    IReadOnlyList<ActivityResponse>? Activities = null,
    IReadOnlyList<LeadCoordinationResponse>? NeedsCoordination = null,
    LeadScoreResponse? Score = null,
    LeadRoutingSummaryResponse? Routing = null,
    string? Province = null,
    string? City = null,
    string? RegionSource = null);

/// <summary>
/// How routing placed the lead, in short (GET /api/v1/leads/{id}/routing has the explanation): the rule set version and
/// rule, the urgency, and when nobody could take it, why. <c>status</c> is <c>assigned</c> or <c>unassigned</c>; the
/// whole object is null while no decision was taken (a tenant without live rules, or a decision still owed because the
/// router did not answer in time: it follows within seconds).
/// </summary>
public sealed record class LeadRoutingSummaryResponse(string Status, int? RuleSetVersion, string? RuleId, string? Urgency, string? UnassignedReason);

/// <summary>
/// The lead's latest conversion score after its latest change: the model's calibrated win probability, or, where the
/// tenant's own model ranked its held-out leads no better than the points score, the points score read as a probability.
/// </summary>
/// <param name="WinProbability">The score, 0 to 1.</param>
/// <param name="ModelVersion">The model consulted.</param>
/// <param name="ScoredAt">When it was scored.</param>
/// <param name="ModelKind"><c>starter</c> (the model shipped with the product, trained on simulated data) or <c>tenant</c> (trained on the tenant's journal).</param>
/// <param name="Source"><c>model</c>, or <c>points</c> when the points score stands in for the model's.</param>
/// <param name="Reason">Why the points score stands in, when it does.</param>
public sealed record class LeadScoreResponse(
    double WinProbability, string ModelVersion, DateTimeOffset ScoredAt, string ModelKind = "starter", string Source = "model", string? Reason = null);

/// <summary>A service ticket waiting for sales to act on this lead, with the suggested action.</summary>
public sealed record class LeadCoordinationResponse(string TicketId, string TicketTitle, string SuggestedAction, DateTimeOffset Since);

/// <summary>The quality light, why, and when the lead went back to marketing.</summary>
public sealed record class LeadQualityResponse(string Light, string Reason, DateTimeOffset JudgedAt, DateTimeOffset? ReturnedToMarketingAt);

/// <summary>A pending deadline: its kind, when it fires, and what it waits on.</summary>
public sealed record class LeadDeadlineResponse(string Kind, DateTimeOffset DueAt, string? Ref);

/// <summary>The body of POST /api/v1/leads/{id}/activities (see GET /api/v1/activity-types for each type's fields).</summary>
public sealed record class LogActivityRequest(
    string? Type,
    Dictionary<string, string?>? Fields,
    IReadOnlyList<EvidenceContract>? Evidence,
    IReadOnlyList<string>? Tags,
    string? Summary,
    DateTimeOffset? At,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt);

/// <summary>An evidence reference: recording, screenshot, email-receipt, calendar-invite or document, and where it is.</summary>
public sealed record class EvidenceContract(string? Kind, string? Ref);

/// <summary>A logged activity.</summary>
public sealed record class ActivityResponse(
    string Id, string Type, DateTimeOffset At, DateTimeOffset LoggedAt, string ByUser, IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<EvidenceContract> Evidence, IReadOnlyList<string> Tags, string? Summary, DateTimeOffset? NextFollowUpAt, DateTimeOffset? AppointmentAt);

/// <summary>The answer to logging an activity: its id and the lead after it.</summary>
public sealed record class LogActivityResponse(string ActivityId, LeadResponse Lead);

/// <summary>An activity type and the sub-fields it requires.</summary>
public sealed record class ActivityTypeResponse(string Type, IReadOnlyList<string> RequiredFields, string Stage, bool StartsPromise, bool EvidenceRequired);

/// <summary>The body of POST /api/v1/leads/{id}/signals: what an integration saw (contact, site-visit, document-opened, document-read).</summary>
public sealed record class LeadSignalRequest(
    string? Kind,
    DateTimeOffset? At,
    string? Channel,
    int? DurationSeconds,
    string? Summary,
    int? SecondsOnSite,
    IReadOnlyList<string>? Pages,
    int? Downloads,
    string? ActivityId);

/// <summary>A next-step hint: the rule's id, the card, and why it fired.</summary>
public sealed record class LeadHintResponse(string Id, string Card, string Reason);

/// <summary>The tenant's follow-up policy, its version and who saved it.</summary>
public sealed record class FollowUpPolicyResponse(int Version, System.Text.Json.JsonElement Policy, DateTimeOffset? SavedAt, string? SavedBy);

/// <summary>One step of a lead's history.</summary>
public sealed record class LeadEventResponse(DateTimeOffset At, string Type, string Detail);

/// <summary>
/// A lead's routing: the latest decision (the owner it got, the rule-set version and rule, and the decision with the
/// best candidates' scores and loads) and every decision the lead had, oldest first.
/// </summary>
public sealed record class LeadRoutingResponse(
    string LeadId,
    string? OwnerRepId,
    DateTimeOffset? FirstTouchDueAt,
    int RuleSetVersion,
    string? RuleId,
    string? ChosenRepId,
    DateTimeOffset At,
    System.Text.Json.JsonElement Decision,
    IReadOnlyList<RoutingHistoryEntry> History);

/// <summary>
/// One routing decision of a lead: when, the kind (<c>first</c>, <c>reroute</c>, <c>escalation</c>), who asked, the
/// rule-set version and rule, the rep it went to (null when it stayed unassigned, with the reason), the owner before.
/// </summary>
public sealed record class RoutingHistoryEntry(
    DateTimeOffset At,
    string Kind,
    string RequestedBy,
    int RuleSetVersion,
    string? RuleId,
    string? ChosenRepId,
    string? UnassignedReason,
    string? PreviousOwnerRepId,
    System.Text.Json.JsonElement Decision);

/// <summary>The next best actions for a lead (GET /leads/{id}/next-actions).</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Source"><c>model</c>, or <c>rules</c> when no compatible model is loaded or the tenant's model did not beat the rule hints.</param>
/// <param name="ModelVersion">The version of the model consulted (also when its advice gave way to the rule hints).</param>
/// <param name="FallbackReason">Why the rule hints answered instead of the model.</param>
/// <param name="WinProbability">The model's calibrated probability that the lead is won, or the points score (see <paramref name="ScoreSource"/>).</param>
/// <param name="Actions">Up to three actions, best first.</param>
/// <param name="ModelKind"><c>starter</c> (shipped with the product, trained on simulated data), <c>tenant</c> (trained on the tenant's journal), or null when no model is loaded.</param>
/// <param name="ScoreSource"><c>model</c>, or <c>points</c> where the tenant's model ranked its held-out leads no better than the points score.</param>
/// <param name="ScoreFallbackReason">Why the points score stands in, when it does.</param>
public sealed record class NextActionsResponse(
    string LeadId, string Source, string? ModelVersion, string? FallbackReason, double? WinProbability, IReadOnlyList<NextActionResponse> Actions,
    string? ModelKind = null, string? ScoreSource = null, string? ScoreFallbackReason = null);

/// <summary>One recommended action: the probability is null for a rule hint.</summary>
public sealed record class NextActionResponse(string Action, string Card, double? Probability, IReadOnlyList<string> Reasons);
