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

    private readonly TenantCache<ChannelDictionary> _dictionaries = new(clock, Lifetime);

    /// <summary>The tenant's dictionary.</summary>
    public ValueTask<ChannelDictionary> GetAsync(string tenant) =>
        _dictionaries.GetAsync(tenant, async t => (await Grain(t).GetAsync()).ToDictionary());

    /// <summary>Remembers the set an edit returned.</summary>
    public ChannelDictionary Store(string tenant, ChannelSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return _dictionaries.Store(tenant, set.ToDictionary());
    }

    /// <summary>The tenant's dictionary actor.</summary>
    public IChannelDictionaryGrain Grain(string tenant) => grains.GetGrain<IChannelDictionaryGrain>(GrainKeys.For(tenant, IChannelDictionaryGrain.Id));
}
