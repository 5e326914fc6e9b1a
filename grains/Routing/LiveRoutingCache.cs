using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, (bool Live, DateTimeOffset ReadAt)> _byTenant = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="tenant"/> has a published rule set.</summary>
    public async ValueTask<bool> IsLiveAsync(string tenant)
    {
        var now = clock.GetUtcNow();
        if (_byTenant.TryGetValue(tenant, out var cached) && now - cached.ReadAt < Lifetime)
        {
            return cached.Live;
        }

        var live = await grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(tenant, IRoutingRulesGrain.Id)).GetActiveVersionAsync() is not null;
        _byTenant[tenant] = (live, now);
        return live;
    }
}
