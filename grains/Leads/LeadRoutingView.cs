using CrmActors.GrainInterfaces.Leads;
using CrmActors.Routing;

namespace CrmActors.Grains.Leads;

/// <summary>What routing reads of a lead: channel, product, note and the qualification the form or rep gave.</summary>
public static class LeadRoutingView
{
    /// <summary>The routing library's view of lead <paramref name="leadId"/>.</summary>
    public static RoutingLead Of(string leadId, NewLead captured, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(captured);
        return new RoutingLead
        {
            Id = leadId,
            Channel = captured.Channel,
            Product = captured.ProductInterest,
            Note = captured.Note,
            Industry = captured.Qualification?.Industry,
            InstitutionLevel = captured.Qualification?.InstitutionLevel,
            Region = captured.Qualification?.Region,
            Language = captured.Qualification?.Language,
            Budget = captured.Qualification?.Budget,
            Quality = captured.Qualification?.Quality,
            CreatedAt = createdAt,
        };
    }
}
