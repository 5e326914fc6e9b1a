namespace CrmActors.FollowUp.Settlement;

/// <summary>
/// One event of another system about a customer, as that system named it. <paramref name="Source"/> and
/// <paramref name="Kind"/> and <paramref name="Id"/> together identify it; order and invoice references are ids of the
/// same source.
/// </summary>
/// <param name="Source">The system that sent it (the integration key's source, e.g. "kingdee-erp").</param>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id in the source system.</param>
/// <param name="OrderId">The order it belongs to (invoices, payments, refunds, returns).</param>
/// <param name="InvoiceId">The invoice a payment or refund settles, instead of the order.</param>
/// <param name="Amount">The amount (CNY): ordered, invoiced, paid, refunded or returned; 0 for a visit.</param>
/// <param name="At">When it happened in the source system (not when it arrived here).</param>
/// <param name="DueAt">When payment is due (orders, invoices).</param>
/// <param name="Number">The order number as people quote it.</param>
/// <param name="Product">What was ordered.</param>
/// <param name="Score">The customer's score of a service visit (1-5).</param>
/// <param name="Note">What the source system says about it.</param>
public sealed record class LedgerEntry(
    string Source,
    LedgerKind Kind,
    string Id,
    string? OrderId,
    string? InvoiceId,
    decimal Amount,
    DateTimeOffset At,
    DateTimeOffset? DueAt,
    string? Number,
    string? Product,
    int? Score,
    string? Note);
