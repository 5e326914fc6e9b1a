using CrmActors.GrainInterfaces.Approvals;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Tests.Approvals;

/// <summary>Discount approvals routed by tier, reminded and escalated on a moved clock, decided once, with history.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DiscountApprovalTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private IDiscountApprovalGrain Approval(string id) => fixture.Grains.GetGrain<IDiscountApprovalGrain>(_data.Key(id));

    private async Task SetUpAsync(string? region = "Shanghai")
    {
        await _data.TeamAsync();
        var policy = fixture.Grains.GetGrain<IFollowUpPolicyGrain>(_data.Key(IFollowUpPolicyGrain.Id));
        var check = await policy.SaveAsync("""
            { "approvals": {
                "tiers": [ { "upToPercent": 5, "approver": "auto" }, { "upToPercent": 10, "approver": "regional" }, { "upToPercent": 100, "approver": "fin-chen" } ],
                "regionalManagers": { "Shanghai": "mgr-sh" }, "remindAfterHours": 4, "escalateAfterHours": 8, "escalateTo": "dir-zhao" } }
            """, "admin-1");
        Assert.Empty(check.Errors);
        await _data.Lead("lead-1").CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "CT-500", null, null, "Ruijin", "rep-li",
            Qualification: new LeadQualification("healthcare", null, region, null, 800_000, null)));
    }

    [Theory]
    [InlineData(3, "auto", ApprovalStatus.Approved)]
    [InlineData(5, "auto", ApprovalStatus.Approved)]
    [InlineData(8, "mgr-sh", ApprovalStatus.Pending)]
    [InlineData(12.5, "fin-chen", ApprovalStatus.Pending)]
    public async Task Request_IsRoutedByTier(double percent, string approver, ApprovalStatus status)
    {
        await SetUpAsync();
        var approval = await Approval("a-1").RequestAsync(new DiscountRequest("lead-1", (decimal)percent, "competitor offered less", "rep-li"));

        Assert.Equal((approver, status), (approval.Approver, approval.Status));
        Assert.Equal(status == ApprovalStatus.Pending ? 1 : 0, (await _data.Rep(approver).GetInboxAsync()).Count(i => i.Kind == "approval-requested"));
    }

    [Fact]
    public async Task Request_RegionWithoutAManager_GoesToTheRequestersSupervisor()
    {
        await SetUpAsync(region: "Jiangsu");
        Assert.Equal("sup-wang", (await Approval("a-1").RequestAsync(new DiscountRequest("lead-1", 7, "volume order", "rep-li"))).Approver);
    }

    [Fact]
    public async Task Waiting_RemindsTheApproverAt4h_EscalatesAt8h_AndTheEscalationTargetDecides()
    {
        await SetUpAsync();
        var approval = Approval("a-1");
        await approval.RequestAsync(new DiscountRequest("lead-1", 8, "competitor offered less", "rep-li"));

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(4));
        var reminder = await Eventually.MatchAsync(() => _data.Rep("mgr-sh").GetInboxAsync(), i => i.Any(x => x.Kind == "approval-reminder"), "the reminder", ClusterFixture.Clock);
        Assert.Equal(InboxItem.Yellow, reminder.Single(x => x.Kind == "approval-reminder").Severity);
        Assert.Empty(await _data.Rep("dir-zhao").GetInboxAsync());

        ClusterFixture.Clock.Advance(TimeSpan.FromHours(4));
        var escalated = await Eventually.MatchAsync(approval.GetAsync, a => a!.EscalatedTo is not null, "the escalation", ClusterFixture.Clock);
        Assert.Equal("dir-zhao", escalated!.EscalatedTo);
        Assert.Equal(InboxItem.Red, Assert.Single(await _data.Rep("dir-zhao").GetInboxAsync()).Severity);

        var ex = await Assert.ThrowsAsync<CrmException>(() => approval.DecideAsync(true, "fine", "rep-zhang", overrideAllowed: false));
        Assert.Equal(CrmErrorCode.Forbidden, ex.Code);
        var decided = await approval.DecideAsync(false, "Keep it at 5%", "dir-zhao", overrideAllowed: false);

        Assert.Equal(ApprovalStatus.Rejected, decided.Status);
        Assert.Equal(["requested", "routed", "reminded", "escalated", "rejected"], decided.History.Select(e => e.Type));
        Assert.Contains(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "approval-decided" && i.Detail == "Keep it at 5%");
        Assert.Equal(ApprovalStatus.Rejected, (await approval.DecideAsync(false, null, "dir-zhao", false)).Status);
        Assert.Equal(CrmErrorCode.Conflict, (await Assert.ThrowsAsync<CrmException>(() => approval.DecideAsync(true, null, "dir-zhao", false))).Code);
    }

    [Fact]
    public async Task DecidedInTime_IsNeverRemindedOrEscalated()
    {
        await SetUpAsync();
        var approval = Approval("a-1");
        await approval.RequestAsync(new DiscountRequest("lead-1", 15, "strategic account", "rep-li"));
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(2));
        await approval.DecideAsync(true, "ok for this account", "fin-chen", overrideAllowed: false);

        // Past both steps, a firing of the reminder (as if it had not been retired) changes nothing.
        ClusterFixture.Clock.Advance(TimeSpan.FromHours(10));
        await fixture.Grains.GetGrain<IRemindable>(approval.GetGrainId()).ReceiveReminder(Grains.Approvals.DiscountApprovalGrain.Reminder, default);
        var read = (await approval.GetAsync())!;
        Assert.Equal(["requested", "routed", "approved"], read.History.Select(e => e.Type));
        Assert.Empty(await _data.Rep("dir-zhao").GetInboxAsync());
    }
}
