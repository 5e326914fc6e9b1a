using System.Collections.Concurrent;

namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// One value per tenant kept in this process and read again once it is older than <paramref name="lifetime"/>, so a
/// hot path (intake, routing, deadlines) does not queue on the one actor per tenant that owns the value. Writes made
/// through this process are stored or invalidated at once; other processes see them within the lifetime.
/// </summary>
/// <typeparam name="T">The cached value.</typeparam>
public sealed class TenantCache<T>(TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ReadAt)> _byTenant = new(StringComparer.Ordinal);

    /// <summary>How long a value is used before it is read again.</summary>
    public TimeSpan Lifetime => lifetime;

    /// <summary>The tenant's value, from the cache when fresh, else from <paramref name="read"/>.</summary>
    public async ValueTask<T> GetAsync(string tenant, Func<string, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_byTenant.TryGetValue(tenant, out var cached) && clock.GetUtcNow() - cached.ReadAt < lifetime)
        {
            return cached.Value;
        }

        return Store(tenant, await read(tenant));
    }

    /// <summary>Remembers a value just read or written (an edit's answer).</summary>
    public T Store(string tenant, T value)
    {
        _byTenant[tenant] = (value, clock.GetUtcNow());
        return value;
    }

    /// <summary>Forgets the tenant's value so the next read asks again.</summary>
    public void Invalidate(string tenant) => _byTenant.TryRemove(tenant, out _);
}
