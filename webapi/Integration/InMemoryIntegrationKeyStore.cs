using System.Collections.Concurrent;

namespace CrmActors.WebApi.Integration;

/// <summary>Integration keys in this process's memory (Integration:KeyStore Memory: tests and database-free runs).</summary>
public sealed class InMemoryIntegrationKeyStore : IIntegrationKeyStore
{
    private readonly ConcurrentDictionary<string, IntegrationKey> _keys = new(StringComparer.Ordinal);
    private readonly Lock _revoking = new();

    /// <inheritdoc />
    public Task CreateAsync(IntegrationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _keys.TryAdd(key.KeyId, key) ? Task.CompletedTask : throw new InvalidOperationException($"Key '{key.KeyId}' exists.");
    }

    /// <inheritdoc />
    public Task<IntegrationKey?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(keyId, out var key) ? key : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<IntegrationKey>> ListAsync(string tenant, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationKey>>([.. _keys.Values.Where(k => k.Tenant == tenant).OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<IntegrationKey?> RevokeAsync(string tenant, string keyId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_revoking)
        {
            if (!_keys.TryGetValue(keyId, out var key) || key.Tenant != tenant)
            {
                return Task.FromResult<IntegrationKey?>(null);
            }

            if (key.RevokedAt is null)
            {
                key = key with { RevokedAt = at, RevokedBy = revokedBy };
                _keys[keyId] = key;
            }

            return Task.FromResult<IntegrationKey?>(key);
        }
    }
}
