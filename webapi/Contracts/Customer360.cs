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
    public static Customer360Response Compose(CustomerSnapshot customer, IReadOnlyList<LeadSnapshot> leads, IReadOnlyList<TicketSnapshot> tickets)
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
            alerts);
    }
}
