using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.Grains.Tests.Imports;

/// <summary>
/// The import actor's lease and checkpoint: one holder at a time, taken over only once lapsed, reports under an old
/// lease refused, and each settled row counted once however often its report is retried.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ImportGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly ImportStart Start = new("leads.csv", "DelimitedText", "utf-8", [], "admin-1");

    private readonly IImportGrain _import = fixture.Grains.GetGrain<IImportGrain>(GrainKeys.For("t-imports", "I" + Guid.NewGuid().ToString("N")));

    private static ImportProgress Slice(int after, int through, int accepted, int duplicates = 0, params ImportRejection[] rejected) =>
        new(accepted + duplicates + rejected.Length, accepted, duplicates, rejected.Length, rejected, new Dictionary<string, int>(), after, through);

    [Fact]
    public async Task TryTakeOver_LeaseLive_IsRefused()
    {
        await _import.StartAsync(Start, "api-a", Lease);
        ClusterFixture.Clock.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Null(await _import.TryTakeOverAsync("api-b", Lease));
        Assert.Equal(ImportStatus.Running, (await _import.GetAsync())!.Status);
    }

    [Fact]
    public async Task TryTakeOver_LeaseLapsed_GrantsANewLeaseAfterTheCheckpointAndSaysWhy()
    {
        var first = await _import.StartAsync(Start, "api-a", Lease);
        await _import.ReportAsync(first.Lease, Slice(0, 40, accepted: 38, duplicates: 1, new ImportRejection(7, "phone", "bad")));
        ClusterFixture.Clock.Advance(Lease);
        Assert.Equal(ImportStatus.Interrupted, (await _import.GetAsync())!.Status);

        var claim = await _import.TryTakeOverAsync("api-b", Lease);

        Assert.NotNull(claim);
        Assert.Equal(first.Lease + 1, claim.Lease);
        Assert.Equal(40, claim.Import.CheckpointRow);
        Assert.Equal(ImportStatus.Running, claim.Import.Status);
        var resumed = Assert.Single(claim.Import.Resumptions);
        Assert.Equal(40, resumed.AfterRow);
        Assert.StartsWith("Resumed after row 40: the instance that accepted it stopped", resumed.Note, StringComparison.Ordinal);
        Assert.Null(await _import.TryTakeOverAsync("api-c", Lease));
    }

    [Fact]
    public async Task Report_UnderATakenOverLease_IsRefusedAndCountsNothing()
    {
        var first = await _import.StartAsync(Start, "api-a", Lease);
        ClusterFixture.Clock.Advance(Lease);
        var second = (await _import.TryTakeOverAsync("api-b", Lease))!;

        var refused = await Assert.ThrowsAsync<CrmException>(() => _import.ReportAsync(first.Lease, Slice(0, 10, accepted: 9)));
        await Assert.ThrowsAsync<CrmException>(() => _import.FinishAsync(first.Lease, null));
        await _import.ReportAsync(second.Lease, Slice(0, 10, accepted: 9));

        Assert.Equal(CrmErrorCode.Conflict, refused.Code);
        Assert.Equal("lease", refused.Field);
        var import = (await _import.GetAsync())!;
        Assert.Equal((9, 10, ImportStatus.Running), (import.Accepted, import.CheckpointRow, import.Status));
    }

    [Fact]
    public async Task Report_RetriedAfterItWasApplied_CountsItsRowsOnce()
    {
        var claim = await _import.StartAsync(Start, "api-a", Lease);
        var slice = Slice(0, 25, accepted: 20, duplicates: 4);

        await _import.ReportAsync(claim.Lease, slice);
        await _import.ReportAsync(claim.Lease, slice);
        await _import.ReportAsync(claim.Lease, Slice(25, 30, accepted: 5));

        var import = (await _import.GetAsync())!;
        Assert.Equal((29, 25, 4, 30), (import.RowsRead, import.Accepted, import.Duplicates, import.CheckpointRow));
    }

    [Fact]
    public async Task Report_NotFollowingTheCheckpoint_IsRefused()
    {
        var claim = await _import.StartAsync(Start, "api-a", Lease);
        await _import.ReportAsync(claim.Lease, Slice(0, 10, accepted: 10));

        var gap = await Assert.ThrowsAsync<CrmException>(() => _import.ReportAsync(claim.Lease, Slice(12, 20, accepted: 8)));

        Assert.Equal("checkpoint", gap.Field);
        Assert.Equal(10, (await _import.GetAsync())!.RowsRead);
    }

    [Fact]
    public async Task Report_RenewsTheLease()
    {
        var claim = await _import.StartAsync(Start, "api-a", Lease);
        ClusterFixture.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        await _import.ReportAsync(claim.Lease, Slice(0, 0, accepted: 0));
        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await _import.TryTakeOverAsync("api-b", Lease));
    }

    [Fact]
    public async Task Release_LetsAnotherInstanceTakeOverAtOnce()
    {
        var claim = await _import.StartAsync(Start, "api-a", Lease);
        await _import.ReportAsync(claim.Lease, Slice(0, 5, accepted: 5));

        await _import.ReleaseAsync(claim.Lease);
        var taken = await _import.TryTakeOverAsync("api-b", Lease);

        Assert.NotNull(taken);
        Assert.Equal("Resumed after row 5: the instance that accepted it shut down.", Assert.Single(taken.Import.Resumptions).Note);
    }

    [Fact]
    public async Task Finish_EndsTheLease_NoTakeOverAfterwards()
    {
        var claim = await _import.StartAsync(Start, "api-a", Lease);
        await _import.ReportAsync(claim.Lease, Slice(0, 3, accepted: 3));

        var done = await _import.FinishAsync(claim.Lease, null);
        ClusterFixture.Clock.Advance(Lease);

        Assert.Equal(ImportStatus.Completed, done.Status);
        Assert.Null(await _import.TryTakeOverAsync("api-b", Lease));
        Assert.Equal(ImportStatus.Completed, (await _import.GetAsync())!.Status);
    }

    [Fact]
    public async Task Start_RepeatedByTheSameHolder_AnswersTheSameLease()
    {
        var first = await _import.StartAsync(Start, "api-a", Lease);

        var again = await _import.StartAsync(Start, "api-a", Lease);
        var other = await Assert.ThrowsAsync<CrmException>(() => _import.StartAsync(Start, "api-b", Lease));

        Assert.Equal(first.Lease, again.Lease);
        Assert.Equal(CrmErrorCode.Conflict, other.Code);
    }
}
