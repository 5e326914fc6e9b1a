using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Reps;

namespace CrmActors.Grains.Tests.Reps;

[Collection(ClusterCollection.Name)]
public sealed class RepGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    [Fact]
    public async Task SaveProfile_UnknownSupervisor_IsRefusedNamingSupervisorId()
    {
        var ex = await Assert.ThrowsAsync<CrmException>(() => _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "ghost", 10, true)));

        Assert.Equal(CrmErrorCode.NotFound, ex.Code);
        Assert.Equal("supervisorId", ex.Field);
        Assert.Null(await _data.Rep("rep-li").GetAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task SaveProfile_CapacityOutOfRange_IsRefused(int capacity)
    {
        var ex = await Assert.ThrowsAsync<CrmException>(() => _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, null, capacity, true)));

        Assert.Equal("capacity", ex.Field);
    }

    [Fact]
    public async Task SaveProfile_SelfSupervision_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<CrmException>(() => _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "rep-li", 5, true)));

        Assert.Equal("supervisorId", ex.Field);
    }

    [Fact]
    public async Task SaveProfile_NewReps_JoinTheRosterOnceEach()
    {
        await _data.TeamAsync();
        await _data.TeamAsync();

        var roster = await fixture.Grains.GetGrain<ITenantRosterGrain>(_data.Tenant).GetRepIdsAsync();

        Assert.Equal(["sup-wang", "rep-li", "rep-zhang"], roster);
    }

    [Fact]
    public async Task Deliver_SameItemTwice_KeepsOne()
    {
        await _data.TeamAsync();
        var item = new InboxItem("x-1", "alert", "Look", null, ClusterFixture.Clock.GetUtcNow());

        var first = await _data.Rep("sup-wang").DeliverAsync(item);
        var second = await _data.Rep("sup-wang").DeliverAsync(item);

        Assert.True(first);
        Assert.False(second);
        Assert.Single(await _data.Rep("sup-wang").GetInboxAsync());
    }

    [Fact]
    public async Task TakeLead_AlreadyHeldAfterItsNoticeLeftTheInbox_DoesNotAnnounceItAgain()
    {
        await _data.TeamAsync();
        var rep = _data.Rep("rep-li");
        var at = ClusterFixture.Clock.GetUtcNow();
        await rep.TakeLeadAsync(new LeadHandover("lead-old", Routed: true, new InboxItem("lead/lead-old/assigned", "lead-assigned", "Old", "lead-old", at)));
        for (var i = 0; i < RepState.InboxLimit; i++)
        {
            await rep.DeliverAsync(new InboxItem($"x-{i}", "alert", "Newer", null, at));
        }

        // The lead's own actor starts (a first read) and hands the lead over again, with the notice it was routed with.
        await rep.TakeLeadAsync(new LeadHandover("lead-old", Routed: true, new InboxItem("lead/lead-old/assigned", "lead-assigned", "Old", "lead-old", at)));

        var inbox = await rep.GetInboxAsync();
        Assert.Equal(RepState.InboxLimit, inbox.Count);
        Assert.Equal($"x-{RepState.InboxLimit - 1}", inbox[0].Id);
        Assert.DoesNotContain(inbox, i => i.LeadId == "lead-old");
        Assert.Equal(["lead-old"], (await rep.GetAsync())!.OpenLeadIds);
    }
}
