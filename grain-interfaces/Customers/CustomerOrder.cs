namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// An order as recorded for the customer, with its commercial fields (cost, discount and the approval it rests on),
/// payment due date and, once paid, when; its id in the source system when it came from one. An order another system
/// sent through the integration API names that system (<c>Source</c>) and carries its settlement (partial payments,
/// refunds, returns). Service roles never receive the commercial fields (the web API leaves them out).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerOrder")]
public sealed record class CustomerOrder(
    string Id,
    string Number,
    string Product,
    decimal Amount,
    decimal? Cost,
    decimal? DiscountPercent,
    DateTimeOffset OrderedAt,
    DateTimeOffset PaymentDueAt,
    DateTimeOffset? PaidAt,
    DateTimeOffset? DeliveryEta,
    string RecordedBy,
    string? ExternalId = null,
    string? DiscountApprovalId = null,
    string? Source = null,
    OrderSettlement? Settlement = null);

/// <summary>Feedback the customer gave (1-5).</summary>
[GenerateSerializer, Immutable, Alias("crm.CustomerFeedback")]
public sealed record class CustomerFeedback(int Score, string? Comment, DateTimeOffset At, string RecordedBy, string? Source = null);
