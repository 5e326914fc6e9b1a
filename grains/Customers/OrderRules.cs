using System.Globalization;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Approvals;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;

namespace CrmActors.Grains.Customers;

/// <summary>What an order must satisfy before it is stored, and when a request is a retry of a stored one.</summary>
public static class OrderRules
{
    /// <summary>
    /// True when <paramref name="sent"/> says the same as <paramref name="stored"/>: a retry. Who sends it does not
    /// matter, and a retry that leaves out the order time matches the time the first request was given.
    /// </summary>
    public static bool IsRetryOf(this NewOrder sent, CustomerOrder stored)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(stored);
        return sent.Number == stored.Number && sent.Product == stored.Product && sent.Amount == stored.Amount && sent.Cost == stored.Cost
            && sent.DiscountPercent == stored.DiscountPercent && (sent.OrderedAt is null || sent.OrderedAt == stored.OrderedAt)
            && sent.PaymentDueAt == stored.PaymentDueAt && sent.DeliveryEta == stored.DeliveryEta
            && sent.ExternalId == stored.ExternalId && sent.DiscountApprovalId == stored.DiscountApprovalId;
    }

    /// <summary>
    /// Why the order's discount may not be recorded, or null when it may: it is within the tenant's automatic tier, or it
    /// rests on <paramref name="approval"/> (the request <see cref="NewOrder.DiscountApprovalId"/> names; null when there is
    /// none in this tenant), which must be approved, on one of <paramref name="customerLeads"/>, and cover the discount.
    /// A reference is checked whenever one is sent, so a wrong one is never stored.
    /// </summary>
    public static CrmException? DiscountRefusal(NewOrder order, ApprovalSnapshot? approval, ApprovalPolicy policy, IReadOnlyCollection<string> customerLeads)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(customerLeads);
        if (order.DiscountApprovalId is not { } approvalId)
        {
            var automatic = policy.AutomaticUpTo();
            return order.DiscountPercent is { } asked && asked > automatic
                ? Conflict(
                    $"A {Percent(asked)} discount is above the {Percent(automatic)} this organisation approves automatically: ask for it on the customer's lead " +
                    "(POST /api/v1/leads/{id}/discount-requests) and, once approved, send the request's id as 'discountApprovalId'.",
                    "discountPercent")
                : null;
        }

        if (approval is null)
        {
            return CrmException.NotFound("Discount request", approvalId, "discountApprovalId");
        }

        if (!customerLeads.Contains(approval.Request.LeadId))
        {
            return Conflict($"Discount request '{approvalId}' is for lead '{approval.Request.LeadId}', which is not this customer's.", "discountApprovalId");
        }

        if (approval.Status == ApprovalStatus.Pending)
        {
            return Conflict($"Discount request '{approvalId}' still waits for {approval.EscalatedTo ?? approval.Approver}; record the order once it is approved.", "discountApprovalId");
        }

        if (approval.Status == ApprovalStatus.Rejected)
        {
            return Conflict($"Discount request '{approvalId}' was rejected; it cannot back an order's discount.", "discountApprovalId");
        }

        return order.DiscountPercent is { } percent && percent > approval.Request.Percent
            ? Conflict($"Discount request '{approvalId}' approved {Percent(approval.Request.Percent)}; this order's discount is {Percent(percent)}.", "discountPercent")
            : null;
    }

    private static CrmException Conflict(string message, string field) => new(CrmErrorCode.Conflict, message, field);

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
