using CrmActors.GrainInterfaces.Leads;
using CrmActors.MlModels;
using CrmActors.Routing;

namespace CrmActors.Grains.Leads;

/// <summary>
/// A lead's attributes as the models read them, from what was captured: the same for the lead's journal and advice and
/// for the router's profile-only score of a lead that has no history yet.
/// </summary>
public static class LeadModelProfile
{
    /// <summary>The model's profile of a lead: industry in lower case (<c>unknown</c> when missing), channel, budget band, quality (0 when none).</summary>
    public static LeadProfile Of(string? industry, string channel, decimal? budget, int? quality, DateTimeOffset createdAt) =>
        new(industry?.Trim().ToLowerInvariant() ?? "unknown", channel, BudgetBands.Of(budget), quality ?? 0, createdAt);

    /// <summary>
    /// The request for the win probability of <paramref name="lead"/> on its profile alone (no interactions, no reasons):
    /// what routing weighs for a lead that has no stored score, such as one being captured.
    /// </summary>
    public static AdviceRequest ScoreRequest(RoutingLead lead, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var profile = Of(lead.Industry, lead.Channel, lead.Budget, lead.Quality, lead.CreatedAt);
        return new AdviceRequest(profile.Industry, profile.Channel, profile.BudgetBand, profile.Quality, profile.CreatedAt, [], now, WithReasons: false);
    }
}
