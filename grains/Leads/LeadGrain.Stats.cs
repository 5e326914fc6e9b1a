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
        stats.Offer(Tenant, LeadFiguresOf.From(S, LeadId, clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public Task RefreshFiguresAsync()
    {
        if (S.Exists && stats.Enabled)
        {
            fedEtag = state.Etag;
            stats.Offer(Tenant, LeadFiguresOf.From(S, LeadId, clock.GetUtcNow()));
        }

        return Task.CompletedTask;
    }
}
