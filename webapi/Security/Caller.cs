using System.Security.Claims;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Security;

/// <summary>The authenticated caller of a request. The tenant comes from the token and nowhere else.</summary>
public sealed record class Caller(string Tenant, string UserId, string Role)
{
    /// <summary>Reads the caller from a validated principal; null when the token lacks a usable tenant, user or role.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenant = user.FindFirstValue(CrmClaimTypes.Tenant);
        var subject = user.FindFirstValue(CrmClaimTypes.Subject);
        var role = user.FindFirstValue(CrmClaimTypes.Role);
        return Identifier.IsValid(tenant) && Identifier.IsValid(subject) && role is not null && CrmRoles.All.Contains(role)
            ? new Caller(tenant!, subject!, role)
            : null;
    }

    /// <summary>Minimal-API binding: handlers take a <see cref="Caller"/> parameter; the authorization policy guarantees one.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(From(context.User));
    }

    /// <summary>The grain key of an entity of the caller's tenant.</summary>
    public string Key(string id) => GrainKeys.For(Tenant, id);

    /// <summary>True when the caller has one of the roles.</summary>
    public bool IsAny(params string[] roles) => roles.Contains(Role);
}
