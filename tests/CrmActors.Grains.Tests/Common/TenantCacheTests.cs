using CrmActors.GrainInterfaces.Common;
using Microsoft.Extensions.Time.Testing;

namespace CrmActors.Grains.Tests.Common;

public sealed class TenantCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private int _reads;

    private Task<int> ReadAsync(string tenant) => Task.FromResult(Interlocked.Increment(ref _reads) * (tenant == "a" ? 1 : 100));

    [Fact]
    public async Task Get_WithinTheLifetime_ReadsOncePerTenant_AfterItReadsAgain()
    {
        var cache = new TenantCache<int>(_clock, TimeSpan.FromSeconds(5));

        Assert.Equal(1, await cache.GetAsync("a", ReadAsync));
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(1, await cache.GetAsync("a", ReadAsync));
        Assert.Equal(200, await cache.GetAsync("b", ReadAsync));
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(3, await cache.GetAsync("a", ReadAsync));
    }

    [Fact]
    public async Task StoreAndInvalidate_TakeEffectAtOnce()
    {
        var cache = new TenantCache<int>(_clock, TimeSpan.FromSeconds(5));
        await cache.GetAsync("a", ReadAsync);

        cache.Store("a", 42);
        Assert.Equal(42, await cache.GetAsync("a", ReadAsync));
        cache.Invalidate("a");
        Assert.Equal(2, await cache.GetAsync("a", ReadAsync));
    }
}
