using System.Security.Claims;
using System.Text;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmActors.Ctl;

/// <summary>Mints the HMAC-signed tokens the web API accepts, for local use, demos and tests.</summary>
public sealed class TokenMinter
{
    private readonly SymmetricSecurityKey _key;
    private readonly string _issuer;
    private readonly string _audience;

    /// <summary>Creates a minter for a signing key of at least 32 characters.</summary>
    public TokenMinter(string signingKey, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (Encoding.UTF8.GetByteCount(signingKey) < 32)
        {
            throw new ArgumentException("The signing key must be at least 32 characters.", nameof(signingKey));
        }

        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
        _issuer = issuer;
        _audience = audience;
    }

    /// <summary>The issuer the web API expects by default.</summary>
    public const string DefaultIssuer = "crmactors";

    /// <summary>The audience the web API expects by default.</summary>
    public const string DefaultAudience = "crmactors-api";

    /// <summary>Mints a token for a user of a tenant with a role.</summary>
    public string Mint(string tenant, string userId, string role, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        Identifier.Require(tenant, nameof(tenant));
        Identifier.Require(userId, nameof(userId));
        if (!CrmRoles.Mintable.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; use one of {string.Join(", ", CrmRoles.Mintable)}.", nameof(role));
        }

        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(CrmClaimTypes.Subject, userId),
                new Claim(CrmClaimTypes.Tenant, tenant),
                new Claim(CrmClaimTypes.Role, role),
            ]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
