namespace CrmActors.WebApi.Integration;

/// <summary>Where integration keys are kept, shared by every web API instance (read on every signed request, so a revocation holds at once).</summary>
public interface IIntegrationKeyStore
{
    /// <summary>Stores a new key.</summary>
    Task CreateAsync(IntegrationKey key, CancellationToken cancellationToken);

    /// <summary>The key with this id, of whichever tenant, revoked or not; null when there is none.</summary>
    Task<IntegrationKey?> FindAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The tenant's keys, oldest first.</summary>
    Task<IReadOnlyList<IntegrationKey>> ListAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Revokes the tenant's key (the first revocation stays); null when the tenant has no such key.</summary>
    Task<IntegrationKey?> RevokeAsync(string tenant, string keyId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken);
}
