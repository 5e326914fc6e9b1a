namespace CrmActors.WebApi.Contracts;

/// <summary>The body of POST /api/v1/leads: at most five fields matter; the rest are optional.</summary>
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
    int? Quality = null);

/// <summary>The body of POST /api/v1/leads/{id}/assignment.</summary>
public sealed record class AssignLeadRequest(string? RepId, int? FirstTouchWithinSeconds);

/// <summary>The body of POST /api/v1/leads/{id}/outcome: "won" or "lost", and why.</summary>
public sealed record class LeadOutcomeRequest(string? Result, string? Reason);

/// <summary>The body of POST /api/v1/leads/{id}/touches.</summary>
public sealed record class TouchLeadRequest(string? Kind, string? Note);

/// <summary>A lead as the API returns it; <c>intakeOutcome</c> (Created, Duplicate, Replayed) only on submissions.</summary>
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
    DateTimeOffset? ClosedAt = null);

/// <summary>One step of a lead's history.</summary>
public sealed record class LeadEventResponse(DateTimeOffset At, string Type, string Detail);

/// <summary>A lead's routing: the owner it got, the rule-set version and rule, and the full decision with every candidate's score.</summary>
public sealed record class LeadRoutingResponse(
    string LeadId,
    string? OwnerRepId,
    DateTimeOffset? FirstTouchDueAt,
    int RuleSetVersion,
    string? RuleId,
    string? ChosenRepId,
    DateTimeOffset At,
    System.Text.Json.JsonElement Decision);
