namespace CrmActors.WebApi.Integration;

/// <summary>
/// An integration key of a tenant for one source system. Its secret is never stored: only its SHA-256
/// (<paramref name="SecretHash"/>); see <see cref="IntegrationSignature"/>.
/// </summary>
public sealed record class IntegrationKey(
    string KeyId,
    string Tenant,
    string Source,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);
