using CrmActors.GrainInterfaces.Leads;
using CrmActors.Routing;

namespace CrmActors.Grains.Leads;

/// <summary>What routing reads of a lead: channel, product, note, the qualification the form or rep gave, and its score.</summary>
public static class LeadRoutingView
{
    /// <summary>
    /// The router's request for lead <paramref name="leadId"/>, never to go to the reps in <paramref name="exclude"/>,
    /// with the lead's stored win probability (<paramref name="score"/>; null when it has none, e.g. at capture).
    /// </summary>
    public static GrainInterfaces.Routing.RouteRequest Request(string leadId, NewLead captured, DateTimeOffset createdAt, IReadOnlyList<string> exclude, double? score = null) =>
        new(leadId, System.Text.Json.JsonSerializer.Serialize(Of(leadId, captured, createdAt, score), CrmActors.Routing.RoutingJson.Options), exclude);

    /// <summary>The routing library's view of lead <paramref name="leadId"/>, with its win probability when it has one.</summary>
    public static RoutingLead Of(string leadId, NewLead captured, DateTimeOffset createdAt, double? score = null)
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
            Score = score,
            CreatedAt = createdAt,
        };
    }
}
