using System.Globalization;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Tickets;

namespace CrmActors.WebApi.Contracts;

/// <summary>Composes the 360 view from the customer, its leads and its tickets as their actors hold them.</summary>
public static class Customer360
{
    /// <summary>How many of the latest activities the view lists.</summary>
    public const int ActivityLimit = 50;

    /// <summary>The view.</summary>
    public static Customer360Response Compose(
        CustomerSnapshot customer, IReadOnlyList<LeadSnapshot> leads, IReadOnlyList<TicketSnapshot> tickets, HealthPolicy health, DateTimeOffset now, bool seesCommercial)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(tickets);
        var contacts = (customer.Contacts ?? []).Select(c => new ContactResponse(
            c.Id, c.Name, c.Role, c.Attitude.ToString().ToLowerInvariant(), c.Decides, c.Phone, c.Email, c.UpdatedAt, c.UpdatedBy)).ToList();
        var alerts = new List<Customer360Alert>();
        foreach (var lead in leads)
        {
            if (lead.Flag is { } flag)
            {
                alerts.Add(new("lead-flagged", flag, lead.Id, null));
            }

            if (lead.OverdueAt is not null && lead.FirstTouchAt is null)
            {
                alerts.Add(new("first-touch-overdue", $"not touched by {lead.OwnerRepId} since {lead.AssignedAt:u}", lead.Id, null));
            }

            alerts.AddRange((lead.NeedsCoordination ?? []).Select(c => new Customer360Alert("needs-coordination", $"ticket '{c.TicketTitle}': {c.SuggestedAction}", lead.Id, c.TicketId)));
        }

        // A ticket affecting sales with no owned lead to tell still marks the customer.
        foreach (var ticket in tickets.Where(t => t.Coordination is { StoppedAt: null, LeadId: null }))
        {
            alerts.Add(new("needs-coordination", $"ticket '{ticket.Reported.Title}': {ticket.Coordination!.SuggestedAction} (no open lead has an owner to tell)", null, ticket.Id));
        }

        foreach (var ticket in tickets.Where(t => t.OverdueAt is not null && t.Status is TicketStatus.Open or TicketStatus.InProgress))
        {
            alerts.Add(new("ticket-overdue", $"'{ticket.Reported.Title}' not resolved by {ticket.ResolveBy:u}", null, ticket.Id));
        }

        return new Customer360Response(
            customer.ToResponse(),
            contacts,
            [.. contacts.Where(c => c.Decides).Select(c => c.Name)],
            [.. leads.Select(l => new Customer360Lead(
                l.Id, l.Captured.Channel, l.Captured.ProductInterest, l.Stage.ToString(),
                l.Funnel == CrmActors.FollowUp.FunnelStage.None ? null : l.Funnel.ToString().ToLowerInvariant(),
                l.OwnerRepId, l.Quality?.Light.ToString().ToLowerInvariant(), l.Flag, l.LastActivityAt, (l.NeedsCoordination ?? []).Count))],
            [.. leads.SelectMany(l => (l.Activities ?? []).Select(a => new Customer360Activity(l.Id, a.ToResponse())))
                .OrderByDescending(a => a.Activity.LoggedAt).Take(ActivityLimit)],
            [.. tickets.Select(t => t.ToResponse())],
            alerts,
            [.. (customer.Orders ?? []).Select(o => ToResponse(o, seesCommercial))],
            Health(customer, tickets, health, now),
            Payments(customer, now));
    }

    /// <summary>An order as a caller sees it; <paramref name="seesCommercial"/> false leaves cost, margin and discount out.</summary>
    public static OrderResponse ToResponse(CustomerOrder order, bool seesCommercial)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderResponse(
            order.Id, order.Number, order.ExternalId, order.Product, order.Amount, order.OrderedAt, order.PaymentDueAt, order.PaidAt, order.DeliveryEta,
            seesCommercial ? new OrderCommercial(order.Cost, order.Cost is { } cost ? order.Amount - cost : null, order.DiscountPercent, order.DiscountApprovalId) : null,
            order.Source,
            order.Settlement is { } paid ? new OrderPaymentResponse(Kebab(paid.State), paid.Invoiced, paid.Paid, paid.Refunded, paid.Returned, paid.Outstanding) : null);
    }

    /// <summary>The customer's payment state over its orders, with a reason per order not settled naming where it came from.</summary>
    public static PaymentSummaryResponse Payments(CustomerSnapshot customer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var orders = customer.Orders ?? [];
        decimal outstanding = 0, overdue = 0;
        var credit = false;
        var reasons = new List<string>();
        foreach (var order in orders)
        {
            var owed = order.Settlement is { } s ? s.Outstanding : order.PaidAt is null ? order.Amount : 0m;
            var from = order.Source is { } source ? $" from {source}" : string.Empty;
            if (owed > 0)
            {
                var late = order.PaymentDueAt <= now;
                outstanding += owed;
                overdue += late ? owed : 0;
                var paid = order.Settlement is { } t ? t.Paid - t.Refunded : 0m;
                var due = order.Amount - (order.Settlement?.Returned ?? 0m);
                reasons.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"order {order.Number}{from}: {paid:N2} of {due:N2} paid, {owed:N2} outstanding, due {order.PaymentDueAt:yyyy-MM-dd}{(late ? " (overdue)" : string.Empty)}"));
            }
            else if (owed < 0)
            {
                credit = true;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"order {order.Number}{from}: the customer is owed {-owed:N2} (returned or overpaid, not refunded yet)"));
            }
        }

        var state = orders.Count == 0 ? "none" : overdue > 0 ? "overdue" : outstanding > 0 ? "open" : credit ? "credit" : "paid";
        return new PaymentSummaryResponse(state, outstanding, overdue, reasons, customer.Waiting ?? []);
    }

    private static string Kebab(CrmActors.FollowUp.Settlement.PaymentState state) => state switch
    {
        CrmActors.FollowUp.Settlement.PaymentState.PartiallyPaid => "partially-paid",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>The health light from the customer's payments, its tickets' resolution times and its feedback.</summary>
    public static HealthResponse Health(CustomerSnapshot customer, IReadOnlyList<TicketSnapshot> tickets, HealthPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(tickets);
        var due = (customer.Orders ?? []).Where(o => o.PaymentDueAt <= now).ToList();
        var delays = due.Select(o => Math.Max(0, ((o.PaidAt ?? now) - o.PaymentDueAt).TotalDays)).ToList();
        var labels = due.Select(o => o.Source is { } source ? $"order {o.Number} from {source}" : null).ToList();
        var returns = (customer.Orders ?? []).Where(o => o.Settlement is { Returned: > 0 })
            .Select(o => new HealthNote(QualityLight.Yellow, string.Create(CultureInfo.InvariantCulture, $"order {o.Number}: {o.Settlement!.Returned:N0} of {o.Amount:N0} returned (from {o.Source})")))
            .ToList();
        var resolution = tickets.Select(t => t.ResolvedAt is { } resolved ? (resolved - t.CreatedAt).TotalHours
                : t.OverdueAt is not null && t.Status is TicketStatus.Open or TicketStatus.InProgress ? (now - t.CreatedAt).TotalHours : (double?)null)
            .OfType<double>().ToList();
        var feedback = customer.Feedback ?? [];
        var verdict = CustomerHealth.Judge(
            new HealthInputs(delays, resolution, [.. feedback.Select(f => f.Score)], labels, [.. feedback.Select(f => f.Source)], returns), policy);
        return new HealthResponse(verdict.Light.ToString().ToLowerInvariant(), verdict.Reasons);
    }
}
