namespace CrmActors.WebApi.Contracts;

/// <summary>The body of POST /api/v1/leads/{id}/discount-requests.</summary>
public sealed record class DiscountRequestBody(decimal? Percent, string? Reason);

/// <summary>The body of POST /api/v1/approvals/{id}/decision: "approve" or "reject", and a comment.</summary>
public sealed record class ApprovalDecisionRequest(string? Decision, string? Comment);

/// <summary>A discount request, its tier, approver, escalation, decision and history.</summary>
public sealed record class ApprovalResponse(
    string Id,
    string LeadId,
    decimal Percent,
    string Reason,
    string RequestedBy,
    string Status,
    int Tier,
    string Approver,
    string? EscalatedTo,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Comment,
    IReadOnlyList<LeadEventResponse> History);
