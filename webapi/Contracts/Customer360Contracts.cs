namespace CrmActors.WebApi.Contracts;

/// <summary>The body of PUT /api/v1/customers/{id}/contacts/{contactId}.</summary>
public sealed record class ContactRequest(string? Name, string? Role, string? Attitude, bool? Decides, string? Phone, string? Email);

/// <summary>A contact of the decision chain.</summary>
public sealed record class ContactResponse(string Id, string Name, string Role, string Attitude, bool Decides, string? Phone, string? Email, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// One customer across sales and service: identity and the decision chain, its leads with their stage, quality and
/// flags, the latest activities over all of them, its tickets, and what is open and needs someone.
/// </summary>
public sealed record class Customer360Response(
    CustomerResponse Customer,
    IReadOnlyList<ContactResponse> DecisionChain,
    IReadOnlyList<string> Deciders,
    IReadOnlyList<Customer360Lead> Leads,
    IReadOnlyList<Customer360Activity> Activities,
    IReadOnlyList<TicketResponse> Tickets,
    IReadOnlyList<Customer360Alert> OpenAlerts,
    IReadOnlyList<OrderResponse> Orders,
    HealthResponse Health,
    PaymentSummaryResponse? Payments = null);

/// <summary>A lead in the 360 view.</summary>
public sealed record class Customer360Lead(
    string Id, string Channel, string? ProductInterest, string Stage, string? Funnel, string? OwnerRepId, string? QualityLight, string? Flag, DateTimeOffset? LastActivityAt, int NeedsCoordination);

/// <summary>An activity of one of the customer's leads.</summary>
public sealed record class Customer360Activity(string LeadId, ActivityResponse Activity);

/// <summary>Something open on the customer that needs someone: its kind, what, and where.</summary>
public sealed record class Customer360Alert(string Kind, string Detail, string? LeadId, string? TicketId);

/// <summary>The body of POST /api/v1/customers/{id}/service-events: the event kind, the region (else the customer's leads'), when.</summary>
public sealed record class ServiceEventRequest(string? Kind, string? Region, DateTimeOffset? At);

/// <summary>The body of POST /api/v1/service-cycles/{id}/visits/{number}/complete.</summary>
public sealed record class VisitDoneRequest(string? Notes);

/// <summary>
/// The body of POST /api/v1/customers/{id}/orders. <c>externalId</c> is the order's id in the source system (a retry with
/// it is answered with the first order); <c>discountApprovalId</c> names the approved discount request a discount above
/// the tenant's automatic tier rests on.
/// </summary>
public sealed record class OrderRequest(
    string? Number,
    string? Product,
    decimal? Amount,
    decimal? Cost,
    decimal? DiscountPercent,
    DateTimeOffset? OrderedAt,
    DateTimeOffset? PaymentDueAt,
    DateTimeOffset? DeliveryEta,
    string? ExternalId = null,
    string? DiscountApprovalId = null);

/// <summary>The body of POST /api/v1/customers/{id}/orders/{orderId}/payment.</summary>
public sealed record class PaymentRequest(DateTimeOffset? PaidAt);

/// <summary>The body of POST /api/v1/customers/{id}/feedback: a 1-5 score and a comment.</summary>
public sealed record class FeedbackRequest(int? Score, string? Comment);

/// <summary>
/// An order as the caller may see it: <c>commercial</c> (cost, margin, discount) is left out entirely for service
/// roles, decided on the server.
/// </summary>
public sealed record class OrderResponse(
    string Id, string Number, string? ExternalId, string Product, decimal Amount, DateTimeOffset OrderedAt, DateTimeOffset PaymentDueAt, DateTimeOffset? PaidAt, DateTimeOffset? DeliveryEta,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] OrderCommercial? Commercial,
    string? Source = null,
    OrderPaymentResponse? Payment = null);

/// <summary>
/// An order of another system settled from what it sent: <c>state</c> (unpaid, partially-paid, paid, overpaid, returned),
/// invoiced, paid, refunded, returned, and what is still owed (negative: the customer is owed).
/// </summary>
public sealed record class OrderPaymentResponse(string State, decimal Invoiced, decimal Paid, decimal Refunded, decimal Returned, decimal Outstanding);

/// <summary>
/// The customer's payment state over all its orders: <c>state</c> (none, paid, open, overdue, credit), what is still
/// owed and what of it is past due, a reason per order not settled (naming the system it came from), and the events of
/// other systems that wait for what they refer to.
/// </summary>
public sealed record class PaymentSummaryResponse(string State, decimal Outstanding, decimal Overdue, IReadOnlyList<string> Reasons, IReadOnlyList<string> Waiting);

/// <summary>The commercial side of an order, for sales and management only: cost, margin, discount and the approval it rests on.</summary>
public sealed record class OrderCommercial(decimal? Cost, decimal? Margin, decimal? DiscountPercent, string? DiscountApprovalId);

/// <summary>The customer health light and every reason for it.</summary>
public sealed record class HealthResponse(string Light, IReadOnlyList<string> Reasons);
