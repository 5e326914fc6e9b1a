namespace CrmActors.WebApi.Contracts;

/// <summary>
/// One event of another system (POST /api/v1/integration/events, or an item of a bulk request). <c>kind</c>: order,
/// invoice, payment, refund, return or service-visit; <c>id</c> is its id in the source system (stored once per source,
/// kind and id); the customer is named by <c>customerId</c> or <c>phone</c>, or by <c>customerRef</c>, the customer's
/// reference in the source system, once an earlier event named it together with <c>customerId</c> or <c>phone</c>.
/// </summary>
public sealed record class IntegrationEventRequest(
    string? Kind,
    string? Id,
    string? CustomerId,
    string? Phone,
    string? OrderId,
    string? InvoiceId,
    decimal? Amount,
    DateTimeOffset? At,
    DateTimeOffset? DueAt,
    string? Number,
    string? Product,
    int? Score,
    string? Note,
    string? CustomerRef = null);

/// <summary>The body of POST /api/v1/integration/events/bulk.</summary>
public sealed record class IntegrationBatchRequest(IReadOnlyList<IntegrationEventRequest?>? Events);

/// <summary>
/// What became of one event: <c>stored</c>, <c>duplicate</c> (a retry; nothing changed) or <c>rejected</c> with the field
/// and why (nothing of it stored); <c>waitingFor</c> names what a stored event waits for (a payment for its order).
/// </summary>
public sealed record class IntegrationItemResult(int Index, string? Kind, string? Id, string Outcome, string? CustomerId, string? Field, string? Reason, string? WaitingFor);

/// <summary>The answer to a bulk request: the counts and every event's result, in the order sent.</summary>
public sealed record class IntegrationBatchResponse(string Source, int Stored, int Duplicates, int Rejected, IReadOnlyList<IntegrationItemResult> Results);

/// <summary>The body of POST /api/v1/integration-keys.</summary>
public sealed record class CreateIntegrationKeyRequest(string? Source);

/// <summary>An integration key as listed (never its secret).</summary>
public sealed record class IntegrationKeyResponse(string Id, string Source, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy);

/// <summary>A key just created: the only answer that shows its secret, and how to sign with it.</summary>
public sealed record class CreatedIntegrationKeyResponse(string Id, string Source, string Secret, DateTimeOffset CreatedAt, string CreatedBy, string Signing);
