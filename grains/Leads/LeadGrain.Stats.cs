using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Stats;

namespace CrmActors.Grains.Leads;

/// <summary>The lead's figures for the live statistics: offered to the silo's stats feed after every call that wrote the state.</summary>
public sealed partial class LeadGrain
{
    private string? fedEtag;

    /// <summary>Offers the lead's figures when its stored state changed since the last offer (called by <see cref="LeadFiguresCallFilter"/>).</summary>
    internal void OfferFiguresIfWritten()
    {
        if (!S.Exists || state.Etag is null || state.Etag == fedEtag || !stats.Enabled)
        {
            return;
        }

        fedEtag = state.Etag;
        stats.Offer(Tenant, Figures());
    }

    private LeadFigures Figures()
    {
        var c = S.Captured!;
        return new LeadFigures(
            LeadId,
            c.Name,
            c.Channel,
            S.OwnerRepId,
            S.CreatedAt,
            S.AssignedAt,
            S.FirstTouchDueAt,
            S.FirstTouchAt,
            S.OverdueAt,
            S.EscalationLevel,
            S.Stage,
            S.Funnel,
            S.QualifiedAt,
            S.DemonstratedAt,
            !string.IsNullOrWhiteSpace(c.Phone) && !string.IsNullOrWhiteSpace(c.Company) && !string.IsNullOrWhiteSpace(c.ProductInterest),
            [.. S.Activities.Select(a => new ActivityFact(a.Type, a.At, a.LoggedAt, a.Evidence.Count > 0))],
            S.CustomerActions,
            S.LastCustomerActionAt,
            [.. S.CoordinationMinutes],
            S.Score?.WinProbability,
            clock.GetUtcNow());
    }
}
