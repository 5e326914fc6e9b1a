using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.WebApi.Contracts;

/// <summary>The tenant's model (GET /api/v1/models).</summary>
/// <param name="Kind"><c>starter</c> or <c>tenant</c>.</param>
/// <param name="Version">The version served (the starter's when the tenant has none of its own; null when no starter model is loaded).</param>
/// <param name="TrainedAt">When the tenant's version was trained.</param>
/// <param name="ClosedLeads">Closed leads it was trained from.</param>
/// <param name="HeldOut">Its held-out figures (null for the starter model).</param>
/// <param name="Versions">Every stored version of the tenant, newest first.</param>
/// <param name="Training">The training status.</param>
public sealed record class ModelsResponse(
    string Kind, string? Version, DateTimeOffset? TrainedAt, int? ClosedLeads, TenantModelSummary? HeldOut, IReadOnlyList<TenantModelSummary> Versions, TenantTrainingStatus Training)
{
    /// <summary>The response for an overview.</summary>
    public static ModelsResponse From(TenantModelOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new(overview.Kind, overview.Version, overview.Current?.TrainedAt, overview.Current?.ClosedLeads, overview.Current, overview.Versions, overview.Training);
    }
}
