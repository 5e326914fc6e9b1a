namespace CrmActors.MlModels;

/// <summary>What is known about a lead when it arrives.</summary>
/// <param name="Industry">The customer's industry (lower case), or <c>unknown</c>.</param>
/// <param name="Channel">The intake channel, e.g. <c>web-form</c>.</param>
/// <param name="BudgetBand">0 unknown, 1 small, 2 medium, 3 large (see <see cref="BudgetBands"/>).</param>
/// <param name="Quality">The qualification quality 1-5, 0 when not qualified.</param>
/// <param name="CreatedAt">When the lead was captured.</param>
public sealed record class LeadProfile(string Industry, string Channel, int BudgetBand, int Quality, DateTimeOffset CreatedAt);

/// <summary>
/// One thing that happened on a lead: an action a rep took (with what the customer said or did in it), or a
/// customer signal with no rep action (a site visit, a document opened).
/// </summary>
/// <param name="At">When.</param>
/// <param name="Action">The rep's action id (<see cref="ActionCatalogue"/>), or null for a customer signal.</param>
/// <param name="Tags">Tags: what the customer raised (<c>price-sensitive</c>, <c>delivery-time</c>, ...), pages viewed (<c>page:{path}</c>), <c>download</c>.</param>
/// <param name="Text">The words logged (summary and field values), for phrase features.</param>
public sealed record class Interaction(DateTimeOffset At, string? Action, IReadOnlyList<string> Tags, string Text);

/// <summary>A lead's history as training and evaluation read it, oldest interaction first.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Profile">Its attributes.</param>
/// <param name="Interactions">What happened, oldest first.</param>
/// <param name="Won">True won, false lost, null still open (open leads train the next-action model only).</param>
public sealed record class LeadHistory(string LeadId, LeadProfile Profile, IReadOnlyList<Interaction> Interactions, bool? Won);

/// <summary>Budget amounts to bands, the same for the simulator and a tenant's journal.</summary>
public static class BudgetBands
{
    /// <summary>The band of a budget in the tenant's currency: below 50k small, below 500k medium, else large.</summary>
    public static int Of(decimal? budget) => budget switch
    {
        null or <= 0 => 0,
        < 50_000 => 1,
        < 500_000 => 2,
        _ => 3,
    };
}
