namespace CrmActors.WebApi.Contracts;

/// <summary>The body of POST /api/v1/customers.</summary>
public sealed record class CreateCustomerRequest(string? Name, string? Company, string? Phone, string? Email);

/// <summary>A customer as the API returns it; <c>mergedInto</c> names the customer that absorbed this one.</summary>
public sealed record class CustomerResponse(
    string Id,
    string Name,
    string? Company,
    string? Phone,
    string? Email,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> TicketIds,
    IReadOnlyList<string> LeadIds,
    IReadOnlyList<string> Phones,
    string? MergedInto,
    IReadOnlyList<string> MergedFrom,
    IReadOnlyList<CustomerEventResponse> History);

/// <summary>One step of a customer's history.</summary>
public sealed record class CustomerEventResponse(DateTimeOffset At, string Type, string Detail);

/// <summary>The body of POST /api/v1/customers/{id}/merge: the duplicate to fold into this customer.</summary>
public sealed record class MergeCustomerRequest(string? DuplicateCustomerId);

/// <summary>The body of POST /api/v1/tickets.</summary>
public sealed record class CreateTicketRequest(string? CustomerId, string? Title, string? Description);

/// <summary>A ticket as the API returns it.</summary>
public sealed record class TicketResponse(
    string Id,
    string CustomerId,
    string Title,
    string? Description,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? ClosedAt = null,
    TicketCoordinationResponse? Coordination = null,
    IReadOnlyList<CustomerEventResponse>? History = null,
    DateTimeOffset? ResolveBy = null,
    DateTimeOffset? OverdueAt = null,
    string? AssigneeId = null);

/// <summary>The "affects sales" flag: the suggested sales action, who was told, and the coordination clock (minutes once stopped).</summary>
public sealed record class TicketCoordinationResponse(
    string SuggestedAction, string FlaggedBy, DateTimeOffset StartedAt, string? LeadId, string? RepId, DateTimeOffset? StoppedAt, double? LatencyMinutes);

/// <summary>The body of POST /api/v1/tickets/{id}/status: open, in-progress, resolved or closed, and a note.</summary>
public sealed record class TicketStatusRequest(string? Status, string? Note);

/// <summary>The body of POST /api/v1/tickets/{id}/affects-sales: what sales should do.</summary>
public sealed record class AffectsSalesRequest(string? SuggestedAction);

/// <summary>A possible duplicate of a customer and why it was offered.</summary>
public sealed record class DuplicateCandidateResponse(string CustomerId, string Name, string? Company, string? Phone, string Reason);
