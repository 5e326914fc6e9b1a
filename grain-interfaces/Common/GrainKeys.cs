namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// Builds and parses grain keys of the form "{tenant}/{id}". The tenant always comes from the
/// authenticated caller; the '/' separator also keeps keys clear of Orleans' hex-key aliasing.
/// </summary>
public static class GrainKeys
{
    /// <summary>The separator between tenant and id.</summary>
    public const char Separator = '/';

    /// <summary>Builds the key for an entity of a tenant.</summary>
    public static string For(string tenant, string id)
    {
        Identifier.Require(tenant, nameof(tenant));
        Identifier.Require(id, nameof(id));
        return string.Concat(tenant, "/", id);
    }

    /// <summary>Splits a key into tenant and id.</summary>
    public static (string Tenant, string Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a tenant-scoped key of the form tenant/id.");
        }

        return (key[..at], key[(at + 1)..]);
    }
}
