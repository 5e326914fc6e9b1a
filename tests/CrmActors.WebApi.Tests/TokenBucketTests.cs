using CrmActors.WebApi.Security;

namespace CrmActors.WebApi.Tests;

public sealed class TokenBucketTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(1000)]
    [InlineData(2500)]
    public void TokenBucket_RefillsAtTheConfiguredRateToATick_NeverFasterThanEvery100Ms(int permitsPerSecond)
    {
        var bucket = RequestLimits.TokenBucket(permitsPerSecond, burst: 5);

        // Exact to the period's tick (100 ns), and never faster than configured.
        Assert.InRange(bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds, permitsPerSecond * (1 - 1e-6), permitsPerSecond);
        Assert.InRange(bucket.ReplenishmentPeriod, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal(5, bucket.TokenLimit);
        Assert.Equal(0, bucket.QueueLimit);
    }
}
