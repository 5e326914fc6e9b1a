namespace CrmActors.FollowUp.Settlement;

/// <summary>Where an order stands with its money.</summary>
public enum PaymentState
{
    /// <summary>Nothing paid yet (or every payment refunded).</summary>
    Unpaid = 0,

    /// <summary>Some of what is owed is paid.</summary>
    PartiallyPaid = 1,

    /// <summary>Exactly what is owed is paid.</summary>
    Paid = 2,

    /// <summary>More is paid than is owed (a return not refunded yet, say): the customer is owed money.</summary>
    Overpaid = 3,

    /// <summary>Everything was returned and nothing paid is kept.</summary>
    Returned = 4,
}
