namespace CrmActors.GrainInterfaces.Customers;

/// <summary>
/// An order as a client sends it. The customer stores it once: a retry carrying the same <paramref name="RequestKey"/>
/// or <paramref name="ExternalId"/> gets the first order back. A discount above the tenant's automatic tier needs
/// <paramref name="DiscountApprovalId"/>, an approved request on one of the customer's leads that covers it.
/// </summary>
/// <param name="Id">The id the order gets if it is new.</param>
/// <param name="Number">The order number as people quote it.</param>
/// <param name="Product">What was ordered.</param>
/// <param name="Amount">The amount (CNY).</param>
/// <param name="Cost">Our cost, when known.</param>
/// <param name="DiscountPercent">The discount given, in percent.</param>
/// <param name="OrderedAt">When it was ordered; now when left out.</param>
/// <param name="PaymentDueAt">When payment is due.</param>
/// <param name="DeliveryEta">When delivery is expected.</param>
/// <param name="ExternalId">The order's id in the source system (ERP, shop), unique per customer.</param>
/// <param name="DiscountApprovalId">The approved discount request the discount rests on.</param>
/// <param name="RequestKey">The client's Idempotency-Key, scoped and hashed (IntakeIds.SubmissionKey).</param>
/// <param name="RecordedBy">Who recorded it.</param>
[GenerateSerializer, Immutable, Alias("crm.NewOrder")]
public sealed record class NewOrder(
    string Id,
    string Number,
    string Product,
    decimal Amount,
    decimal? Cost,
    decimal? DiscountPercent,
    DateTimeOffset? OrderedAt,
    DateTimeOffset PaymentDueAt,
    DateTimeOffset? DeliveryEta,
    string? ExternalId,
    string? DiscountApprovalId,
    string? RequestKey,
    string RecordedBy);
