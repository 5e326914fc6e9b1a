using CrmActors.Database;
using CrmActors.Integration.Tests.Database;
using CrmActors.WebApi.Integration;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>Integration keys in MariaDB: stored with the secret's hash only, found by id, listed per tenant, revoked once and only in their tenant.</summary>
public sealed class IntegrationKeyStoreTests : IAsyncLifetime
{
    private const string SigningKey = "test-only-signing-key-0123456789abcdef";
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, 123, TimeSpan.Zero);

    private ThrowawayDatabase _db = null!;
    private MySqlIntegrationKeyStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("iks");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        _store = new MySqlIntegrationKeyStore(_db.ConnectionString);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static IntegrationKey Key(string id, string tenant, string source, DateTimeOffset at) =>
        new(id, tenant, source, IntegrationSignature.Hash(IntegrationSignature.Secret(SigningKey, tenant, id)), at, "admin-1", null, null);

    [Fact]
    public async Task CreateAsync_KeyReadBackWithItsHash_TheSecretIsNowhereInTheTable()
    {
        var key = Key("ik-a1", "acme", "kingdee-erp", T0);
        var secret = IntegrationSignature.Secret(SigningKey, "acme", "ik-a1");

        await _store.CreateAsync(key, CancellationToken.None);
        var found = await _store.FindAsync("ik-a1", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal((key.KeyId, key.Tenant, key.Source, key.CreatedAt, key.CreatedBy, (DateTimeOffset?)null), (found.KeyId, found.Tenant, found.Source, found.CreatedAt, found.CreatedBy, found.RevokedAt));
        Assert.Equal(key.SecretHash, found.SecretHash);
        Assert.Equal(0, await _db.ScalarAsync<int>($"SELECT COUNT(*) FROM crm_integration_keys WHERE CONCAT_WS('|', key_id, tenant, source, HEX(secret_sha256), created_by) LIKE '%{secret}%'"));
        Assert.Null(await _store.FindAsync("ik-none", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_OnlyTheTenantsKeys_OldestFirst()
    {
        await _store.CreateAsync(Key("ik-b2", "acme", "fx-aftersales", T0.AddMinutes(1)), CancellationToken.None);
        await _store.CreateAsync(Key("ik-b1", "acme", "kingdee-erp", T0), CancellationToken.None);
        await _store.CreateAsync(Key("ik-c1", "other", "kingdee-erp", T0), CancellationToken.None);

        var listed = await _store.ListAsync("acme", CancellationToken.None);

        Assert.Equal(["ik-b1", "ik-b2"], listed.Select(k => k.KeyId));
    }

    [Fact]
    public async Task RevokeAsync_FirstRevocationStays_AnotherTenantCannotRevoke()
    {
        await _store.CreateAsync(Key("ik-d1", "acme", "kingdee-erp", T0), CancellationToken.None);

        var byOther = await _store.RevokeAsync("other", "ik-d1", "admin-x", T0.AddHours(1), CancellationToken.None);
        var first = await _store.RevokeAsync("acme", "ik-d1", "admin-1", T0.AddHours(2), CancellationToken.None);
        var again = await _store.RevokeAsync("acme", "ik-d1", "admin-2", T0.AddHours(3), CancellationToken.None);
        var found = await _store.FindAsync("ik-d1", CancellationToken.None);

        Assert.Null(byOther);
        Assert.Equal((T0.AddHours(2), "admin-1"), (first!.RevokedAt!.Value, first.RevokedBy));
        Assert.Equal((T0.AddHours(2), "admin-1"), (again!.RevokedAt!.Value, again.RevokedBy));
        Assert.Equal(T0.AddHours(2), found!.RevokedAt);
        Assert.Null(await _store.RevokeAsync("acme", "ik-none", "admin-1", T0, CancellationToken.None));
    }
}
