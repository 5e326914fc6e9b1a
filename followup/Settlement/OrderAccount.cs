namespace CrmActors.FollowUp.Settlement;

/// <summary>An order of another system with everything that arrived for it, settled.</summary>
/// <param name="Source">The system the order came from.</param>
/// <param name="OrderId">Its id there.</param>
/// <param name="Number">The order number (the id when the source gave none).</param>
/// <param name="Product">What was ordered.</param>
/// <param name="Amount">The amount ordered.</param>
/// <param name="Invoiced">The sum of its invoices.</param>
/// <param name="Paid">The sum of its payments.</param>
/// <param name="Refunded">The sum of its refunds.</param>
/// <param name="Returned">The value of the goods returned.</param>
/// <param name="Outstanding">What is still owed: amount less returns, less payments net of refunds (negative: the customer is owed).</param>
/// <param name="OrderedAt">When it was ordered.</param>
/// <param name="DueAt">When it must be paid: the latest due date of its invoices, or the order's own.</param>
/// <param name="SettledAt">When what is owed was first fully paid (and stayed so), by the events' own times; null while it is not.</param>
/// <param name="State">Where it stands.</param>
public sealed record class OrderAccount(
    string Source,
    string OrderId,
    string Number,
    string? Product,
    decimal Amount,
    decimal Invoiced,
    decimal Paid,
    decimal Refunded,
    decimal Returned,
    decimal Outstanding,
    DateTimeOffset OrderedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SettledAt,
    PaymentState State);
