namespace CrmActors.FollowUp.Settlement;

/// <summary>What another system (ERP, finance, after-sales) reports about a customer.</summary>
public enum LedgerKind
{
    /// <summary>An order: the amount the customer owes, and by when.</summary>
    Order = 0,

    /// <summary>An invoice against an order; its due date, when given, is when the order must be paid.</summary>
    Invoice = 1,

    /// <summary>Money received against an order (or an invoice of it); payments may be partial and add up.</summary>
    Payment = 2,

    /// <summary>Money paid back to the customer against an order.</summary>
    Refund = 3,

    /// <summary>Goods sent back: the order's value returned no longer has to be paid.</summary>
    Return = 4,

    /// <summary>An after-sales service visit, with the customer's score of it when given.</summary>
    ServiceVisit = 5,
}
