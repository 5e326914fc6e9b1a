using CrmActors.FollowUp.Settlement;

namespace CrmActors.GrainInterfaces.Customers;

/// <summary>An order of another system settled from what that system sent: invoiced, paid, refunded, returned and still owed.</summary>
[GenerateSerializer, Immutable, Alias("crm.OrderSettlement")]
public sealed record class OrderSettlement(PaymentState State, decimal Invoiced, decimal Paid, decimal Refunded, decimal Returned, decimal Outstanding);
