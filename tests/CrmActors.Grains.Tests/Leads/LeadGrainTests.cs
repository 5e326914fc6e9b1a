using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.Grains.Tests.Leads;

[Collection(ClusterCollection.Name)]
public sealed class LeadGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    [Fact]
    public async Task Create_NewLead_IsReadableWithItsFields()
    {
        var lead = await _data.NewLeadAsync();

        var read = await lead.GetAsync();

        Assert.NotNull(read);
        Assert.Equal("Dr. Liu", read.Captured.Name);
        Assert.Equal(LeadStage.New, read.Stage);
        Assert.Null(read.OwnerRepId);
        Assert.Equal("created", Assert.Single(read.History).Type);
    }

    [Fact]
    public async Task Create_Twice_KeepsTheFirstCapture()
    {
        var lead = await _data.NewLeadAsync();

        var again = await lead.CreateAsync(new NewLead("Someone else", "1", "x", null, null, null, null, "u"));

        Assert.Equal("Dr. Liu", again.Captured.Name);
    }

    [Fact]
    public async Task Get_UnknownLead_ReturnsNull()
    {
        Assert.Null(await _data.Lead("nobody").GetAsync());
    }

    [Fact]
    public async Task Assign_UnknownRep_IsRefusedAsNotFoundNamingRepId()
    {
        var lead = await _data.NewLeadAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => lead.AssignAsync(new AssignLead("ghost", TimeSpan.FromHours(48), "sup")));

        Assert.Equal(CrmErrorCode.NotFound, ex.Code);
        Assert.Equal("repId", ex.Field);
        Assert.Null((await lead.GetAsync())!.OwnerRepId);
    }

    [Fact]
    public async Task Assign_InactiveRep_IsRefusedAsConflict()
    {
        await _data.TeamAsync(repActive: false);
        var lead = await _data.NewLeadAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup")));

        Assert.Equal(CrmErrorCode.Conflict, ex.Code);
    }

    [Fact]
    public async Task Assign_UnknownLead_IsRefusedAsNotFound()
    {
        await _data.TeamAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => _data.Lead("nobody").AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(1), "sup")));

        Assert.Equal(CrmErrorCode.NotFound, ex.Code);
    }

    [Fact]
    public async Task Assign_WindowOutOfBounds_IsRefusedNamingTheField()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromDays(40), "sup")));

        Assert.Equal("firstTouchWithinSeconds", ex.Field);
    }

    [Fact]
    public async Task Assign_KnownRep_SetsOwnerDeadlineAndRepOpenLeads()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        var now = ClusterFixture.Clock.GetUtcNow();

        var assigned = await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));

        Assert.Equal("rep-li", assigned.OwnerRepId);
        Assert.Equal(LeadStage.Assigned, assigned.Stage);
        Assert.Equal(now + TimeSpan.FromHours(48), assigned.FirstTouchDueAt);
        Assert.Contains("lead-1", (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
    }

    [Fact]
    public async Task Reassign_ToAnotherRep_MovesTheOpenLead()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));

        await lead.AssignAsync(new AssignLead("rep-zhang", TimeSpan.FromHours(48), "sup-wang"));

        Assert.DoesNotContain("lead-1", (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
        Assert.Contains("lead-1", (await _data.Rep("rep-zhang").GetAsync())!.OpenLeadIds);
    }

    [Fact]
    public async Task Touch_Unassigned_IsRefusedAsConflict()
    {
        var lead = await _data.NewLeadAsync();

        var ex = await Assert.ThrowsAsync<CrmException>(() => lead.RecordTouchAsync(new LeadTouch("call", null, "rep-li")));

        Assert.Equal(CrmErrorCode.Conflict, ex.Code);
    }

    [Fact]
    public async Task FirstTouch_MissedDeadline_ReminderMarksOverdueAndAlertsSupervisorOnce()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(47));
        await lead.EvaluateDeadlinesAsync();
        Assert.Null((await lead.GetAsync())!.OverdueAt);

        // Past the deadline the durable reminder fires on its own; the test only moved the clock.
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(2));
        var overdue = await Eventually.MatchAsync(lead.GetAsync, l => l!.OverdueAt is not null, "the first-touch reminder to fire", ClusterFixture.Clock);
        await Eventually.MatchAsync(() => _data.Rep("sup-wang").GetInboxAsync(), i => i.Count == 1, "the supervisor alert");

        // A repeated evaluation (a reminder re-tick, a sweep) changes nothing.
        await lead.EvaluateDeadlinesAsync();
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await lead.EvaluateDeadlinesAsync();

        var inbox = await _data.Rep("sup-wang").GetInboxAsync();
        var alert = Assert.Single(inbox);
        Assert.Equal("first-touch-overdue", alert.Kind);
        Assert.Equal("lead-1", alert.LeadId);
        Assert.Equal(1, overdue!.EscalationLevel);
        Assert.Single(overdue.History, e => e.Type == "first-touch-overdue");
        Assert.Empty(await _data.Rep("rep-li").GetInboxAsync());
    }

    [Fact]
    public async Task FirstTouch_TouchedInTime_NeverGoesOverdue()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(2), "sup-wang"));
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(1));

        var touched = await lead.RecordTouchAsync(new LeadTouch("call", "discussed budget", "rep-li"));
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(3));
        await lead.EvaluateDeadlinesAsync();

        var read = (await lead.GetAsync())!;
        Assert.Equal(LeadStage.Contacted, touched.Stage);
        Assert.NotNull(read.FirstTouchAt);
        Assert.Null(read.OverdueAt);
        Assert.Empty(await _data.Rep("sup-wang").GetInboxAsync());
    }

    [Fact]
    public async Task FirstTouch_RepWithoutSupervisor_AlertGoesToTheRep()
    {
        await _data.Rep("solo").SaveProfileAsync(new GrainInterfaces.Reps.RepProfile("Solo", null, null, 5, true));
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("solo", TimeSpan.FromMinutes(30), "admin"));

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(31));
        await lead.EvaluateDeadlinesAsync();

        Assert.Single(await _data.Rep("solo").GetInboxAsync());
    }
}
