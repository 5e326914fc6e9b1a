using CrmActors.GrainInterfaces.Leads;
using CrmActors.Routing;

namespace CrmActors.Grains.Leads;

/// <summary>What routing reads of a lead: channel, product, note and the qualification the form or rep gave.</summary>
public static class LeadRoutingView
{
    /// <summary>The router's request for lead <paramref name="leadId"/>, never to go to the reps in <paramref name="exclude"/>.</summary>
    public static GrainInterfaces.Routing.RouteRequest Request(string leadId, NewLead captured, DateTimeOffset createdAt, IReadOnlyList<string> exclude) =>
        new(leadId, System.Text.Json.JsonSerializer.Serialize(Of(leadId, captured, createdAt), CrmActors.Routing.RoutingJson.Options), exclude);

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
