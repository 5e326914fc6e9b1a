using System.Collections.Concurrent;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Routing;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Per silo: whether each tenant has a live rule set. Intake asks it before owing a lead its routing, so tenants that
/// assign by hand pay no routing. A "yes" is kept for good (a published rule set can be rolled back to another version
/// but never withdrawn); a "no" is asked again every time, so the first lead captured after a tenant's first publish
/// is routed, on every silo.
/// </summary>
public sealed class LiveRoutingCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, bool> _live = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="tenant"/> has a published rule set.</summary>
    public async ValueTask<bool> IsLiveAsync(string tenant)
    {
        if (_live.ContainsKey(tenant))
        {
            return true;
        }

        var live = await grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(tenant, IRoutingRulesGrain.Id)).GetActiveVersionAsync() is not null;
        if (live)
        {
            _live[tenant] = true;
        }

        return live;
    }
}
