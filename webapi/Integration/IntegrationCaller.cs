using System.Security.Claims;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Integration;

/// <summary>A source system calling with a signed request: its tenant, its source name and the key it signed with.</summary>
public sealed record class IntegrationCaller(string Tenant, string Source, string KeyId)
{
    /// <summary>The claim naming the source system of an integration key.</summary>
    public const string SourceClaim = "crm_source";

    /// <summary>The role of an integration key (never in a token: only a signed request carries it).</summary>
    public const string Role = "integration";

    /// <summary>Reads the caller from a principal the integration key handler made; null for anyone else.</summary>
    public static IntegrationCaller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.AuthenticationType == IntegrationKeyHandler.SchemeName
            && user.FindFirstValue(CrmClaimTypes.Role) == Role
            && user.FindFirstValue(CrmClaimTypes.Tenant) is { } tenant
            && user.FindFirstValue(SourceClaim) is { } source
            && user.FindFirstValue(CrmClaimTypes.Subject) is { } key
            ? new IntegrationCaller(tenant, source, key)
            : null;
    }

    /// <summary>Minimal-API binding: the integration policy guarantees one.</summary>
    public static ValueTask<IntegrationCaller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(From(context.User));
    }
}
