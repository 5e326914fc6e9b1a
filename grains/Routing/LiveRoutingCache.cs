using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Per silo: whether each tenant has a live rule set, read at most every <see cref="Lifetime"/>. Intake asks it
/// before owing a lead its routing, so tenants that assign by hand pay nothing for routing; a rule set published
/// a moment ago is seen within the lifetime (leads captured in between wait for manual assignment).
/// </summary>
public sealed class LiveRoutingCache(IGrainFactory grains, [FromKeyedServices(CrmClock.Key)] TimeProvider clock)
{
    /// <summary>How long an answer is used before it is asked again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly TenantCache<bool> _live = new(clock, Lifetime);

    /// <summary>True when <paramref name="tenant"/> has a published rule set.</summary>
    public ValueTask<bool> IsLiveAsync(string tenant) => _live.GetAsync(tenant, async t =>
        await grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(t, IRoutingRulesGrain.Id)).GetActiveVersionAsync() is not null);
}
