using System.Collections.Concurrent;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.WebApi.Intake;

/// <summary>
/// Each tenant's channel dictionary, cached for a few seconds so peak intake does not queue on the one
/// dictionary actor per tenant. Edits through this instance apply at once; other instances see them
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class ChannelDictionaryCache(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>How long a cached dictionary is used before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ChannelDictionary Dictionary, DateTimeOffset ReadAt)> _byTenant = new(StringComparer.Ordinal);

    /// <summary>The tenant's dictionary.</summary>
    public async ValueTask<ChannelDictionary> GetAsync(string tenant)
    {
        if (_byTenant.TryGetValue(tenant, out var cached) && clock.GetUtcNow() - cached.ReadAt < Lifetime)
        {
            return cached.Dictionary;
        }

        var set = await Grain(tenant).GetAsync();
        return Store(tenant, set);
    }

    /// <summary>Remembers the set an edit returned.</summary>
    public ChannelDictionary Store(string tenant, ChannelSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var dictionary = set.ToDictionary();
        _byTenant[tenant] = (dictionary, clock.GetUtcNow());
        return dictionary;
    }

    /// <summary>The tenant's dictionary actor.</summary>
    public IChannelDictionaryGrain Grain(string tenant) => grains.GetGrain<IChannelDictionaryGrain>(GrainKeys.For(tenant, IChannelDictionaryGrain.Id));
}
