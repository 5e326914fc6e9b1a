namespace CrmActors.WebApi.Security;

/// <summary>Token validation settings, bound from the "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>The shortest signing key accepted (HMAC-SHA256 wants at least 256 bits).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The expected token issuer.</summary>
    public string Issuer { get; set; } = "crmactors";

    /// <summary>The expected token audience.</summary>
    public string Audience { get; set; } = "crmactors-api";

    /// <summary>The shared HMAC signing key; comes from the environment or a secret store, never from source.</summary>
    public string SigningKey { get; set; } = string.Empty;
}
