using CrmActors.GrainInterfaces.Customers;
using System.Text.Json;
using CrmActors.Grains.Common;
using CrmActors.Grains.Customers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

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

    [Fact]
    public async Task Flush_LogsOnlyTheChanges_AndACheckpointOnceTheLogIsAsLargeAsTheShard_ThenRestartsTheSame()
    {
        const string shardId = "dir-p-5f20_4f1f_";
        var shard = fixture.Grains.GetGrain<ICustomerDirectoryGrain>(_data.Key(shardId));
        var stream = CustomerDirectoryGrain.Stream(shardId);
        var journal = Assert.IsType<InMemoryJournal>(Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services.GetRequiredService<IJournal>());
        IReadOnlyList<DirectoryBatch> Log() =>
            [.. journal.Read(_data.Tenant).Where(r => r.Stream == stream).Select(r => JsonSerializer.Deserialize<DirectoryBatch>(r.Entry.Payload, JsonSerializerOptions.Web)!)];

        // Fewer changes than a checkpoint needs: a restart flushes them as one logged batch and replays it.
        for (var i = 0; i < 20; i++)
        {
            await shard.FileAsync(new DirectoryEntry($"c-{i:D3}", $"张{i:D3}", $"张{i:D3}", null, $"+86137{i:D8}"));
        }

        // Filing is one-way: the filings reach the shard in any order (so the last one sent arriving says nothing of the
        // others), and the shard numbers them in the order they reach it.
        await Eventually.MatchAsync(() => AllAsync(shard), f => f.Count == 20, "every filing to reach the shard");
        var numbered = Assert.Single(await shard.FindSimilarAsync("张000"), e => e.CustomerId == "c-000").Filed;
        await shard.RemoveAsync("c-007");
        // Collection starts the deactivation, whose flush and checkpoint end on their own time: wait for the log.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var first = Assert.Single(await Eventually.MatchAsync(() => Task.FromResult(Log()), l => l.Count > 0, "the flush on deactivation"));
        Assert.Equal(21, first.Changes.Count);
        Assert.Equal("c-007", first.Changes[^1].Removed);
        var replayed = await shard.FindSimilarAsync("张000");
        Assert.Contains(replayed, e => e.CustomerId == "c-000" && e.Filed == numbered);
        Assert.Equal(19, (await AllAsync(shard)).Count);

        // Enough changes for a checkpoint: the shard is written whole, the log rows it took in are trimmed.
        for (var i = 20; i < 20 + CustomerDirectoryGrain.CheckpointMinimum; i++)
        {
            await shard.FileAsync(new DirectoryEntry($"c-{i:D3}", $"张{i:D3}", $"张{i:D3}", null, $"+86137{i:D8}"));
        }

        await Eventually.MatchAsync(() => AllAsync(shard), f => f.Count == 19 + CustomerDirectoryGrain.CheckpointMinimum, "every filing to reach the shard");
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Empty(await Eventually.MatchAsync(() => Task.FromResult(Log()), l => l.Count == 0, "the checkpoint to trim the log"));
        var all = await AllAsync(shard);
        Assert.Equal(19 + CustomerDirectoryGrain.CheckpointMinimum, all.Count);
        Assert.DoesNotContain(all, e => e.CustomerId == "c-007");
        Assert.Equal(20 + CustomerDirectoryGrain.CheckpointMinimum, all.Max(e => e.Filed));

        // After the checkpoint, one filing is one logged change, and a restart still finds it with its number.
        await shard.FileAsync(new DirectoryEntry("c-new", "张新", "张新", null, "+8613700009999"));
        await Eventually.MatchAsync(() => shard.FindSimilarAsync("张新"), f => f.Count > 0, "the filing to reach the shard");
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var last = Assert.Single(await Eventually.MatchAsync(() => Task.FromResult(Log()), l => l.Count > 0, "the flush on deactivation"));
        Assert.Equal("c-new", Assert.Single(last.Changes).Entry!.CustomerId);
        Assert.Contains(await shard.FindSimilarAsync("张新"), e => e.CustomerId == "c-new" && e.Filed == 21 + CustomerDirectoryGrain.CheckpointMinimum);
        Assert.Equal(20 + CustomerDirectoryGrain.CheckpointMinimum, (await AllAsync(shard)).Count);
    }

    private static async Task<IReadOnlyList<DirectoryEntry>> AllAsync(ICustomerDirectoryGrain shard)
    {
        // The keys these tests file: 张000 .. 张219 and 张新, each looked up by itself.
        var found = new List<DirectoryEntry>();
        foreach (var key in Enumerable.Range(0, 20 + CustomerDirectoryGrain.CheckpointMinimum).Select(i => $"张{i:D3}").Append("张新"))
        {
            found.AddRange((await shard.FindSimilarAsync(key)).Where(e => e.Key == key));
        }

        return found;
    }

    private static async Task<IReadOnlyList<DirectoryEntry>> WangWeiAsync(ICustomerDirectoryGrain shard) =>
        [.. (await shard.FindSimilarAsync("王伟")).Where(e => e.Key == "王伟")];
}
