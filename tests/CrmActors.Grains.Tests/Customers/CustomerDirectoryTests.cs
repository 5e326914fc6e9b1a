using CrmActors.GrainInterfaces.Customers;
using CrmActors.Grains.Customers;

namespace CrmActors.Grains.Tests.Customers;

/// <summary>A directory shard stays the same size however often a common name comes in, and keeps the newest customers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerDirectoryTests(ClusterFixture fixture)
{
    private const int Common = CustomerDirectoryGrain.PerKeyLimit + 30;

    private readonly TestData _data = new(fixture.Grains);

    [Fact]
    public async Task File_ACommonNameManyTimes_KeepsTheNewestOfThatNameAndOthersStillFound()
    {
        var shard = fixture.Grains.GetGrain<ICustomerDirectoryGrain>(_data.Key("dir-p-738b_4f1f_"));
        await shard.FileAsync(new DirectoryEntry("c-rare", "王伟强", "王伟强", null, "+8613900000000"));
        var rare = await Eventually.MatchAsync(() => shard.FindSimilarAsync("王伟强"), found => found.Count > 0, "the first filing to reach the shard");
        Assert.Equal(1, Assert.Single(rare).Filed);

        // Filing is one-way, so the shard numbers the filings in the order it gets them: 2 .. Common + 1.
        for (var i = 0; i < Common; i++)
        {
            await shard.FileAsync(new DirectoryEntry($"c-{i:D3}", "王伟", "王伟", null, $"+86138{i:D8}"));
        }

        var kept = await Eventually.MatchAsync(() => WangWeiAsync(shard), k => k.Count > 0 && k.Max(e => e.Filed) == Common + 1, "every filing to reach the shard");
        Assert.Equal(CustomerDirectoryGrain.PerKeyLimit, kept.Count);
        Assert.Equal(Common + 2 - CustomerDirectoryGrain.PerKeyLimit, kept.Min(e => e.Filed));
        Assert.Contains(await shard.FindSimilarAsync("王伟强"), e => e.CustomerId == "c-rare");

        // Filed again, a customer counts as the newest; after a restart of the shard the same entries are kept.
        var refiled = kept.MinBy(e => e.Filed)!.CustomerId;
        await shard.FileAsync(new DirectoryEntry(refiled, "王伟", "王伟 (new phone)", null, "+8613811111111"));
        await shard.FileAsync(new DirectoryEntry("c-999", "王伟", "王伟", null, "+8613822222222"));
        var before = await Eventually.MatchAsync(() => WangWeiAsync(shard), k => k.Max(e => e.Filed) == Common + 3, "both filings to reach the shard");
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = await WangWeiAsync(shard);
        Assert.Equal(CustomerDirectoryGrain.PerKeyLimit, after.Count);
        Assert.Equal(before.Select(e => (e.CustomerId, e.Filed)).Order(), after.Select(e => (e.CustomerId, e.Filed)).Order());
        Assert.Equal("王伟 (new phone)", after.Single(e => e.CustomerId == refiled).Name);
        Assert.Contains(after, e => e.CustomerId == "c-999");
        Assert.Equal(Common + 4 - CustomerDirectoryGrain.PerKeyLimit, after.Min(e => e.Filed));
    }

    private static async Task<IReadOnlyList<DirectoryEntry>> WangWeiAsync(ICustomerDirectoryGrain shard) =>
        [.. (await shard.FindSimilarAsync("王伟")).Where(e => e.Key == "王伟")];
}
