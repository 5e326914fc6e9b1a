using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Tests.Common;

namespace CrmActors.Grains.Tests.Leads;

/// <summary>
/// A lead intake routes with nothing more owed costs one write: the owner takes it in memory from the hand-over
/// committed with the capture (and from the journal after a crash), the lead actor is not started, and the customer's
/// stored wake-up starts it when its first-touch deadline comes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CaptureHandoverTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private async Task SalesTeamWithRulesAsync()
    {
        await _data.Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, true, ["sales"]));
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        // A 30-minute first touch: the test that lets it pass moves the clock this cluster's tests share by little.
        Assert.Empty((await rules.SaveDraftAsync(
            """{"rules":[{"id":"forms","conditions":[{"field":"channel","operator":"equals","values":["website_form"]}],"action":{"target":{"kind":"group","id":"sales"},"firstTouchSla":"00:30:00"}}],"fallback":{"target":{"kind":"group","id":"sales"}}}""",
            "admin-1")).Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
    }

    private async Task<(ICustomerGrain Customer, LeadSnapshot Lead)> CaptureAsync(string phone)
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(_data.Key(IntakeIds.CustomerForPhone(phone)));
        var result = await customer.CaptureLeadAsync(new LeadSubmission(new NewLead("Dr. Liu", phone, "website_form", "CT-500", null, null, "Ruijin", "mkt-1"), null));
        return (customer, result.Lead);
    }

    private async Task<bool> IsActiveAsync(string id)
    {
        var grains = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return grains.Any(g => g.GrainId.Key.ToString() == _data.Key(id));
    }

    [Fact]
    public async Task Capture_NothingMoreOwed_TheOwnerListsItAtOnceAndTheLeadActorIsNotStarted()
    {
        await SalesTeamWithRulesAsync();

        var (_, lead) = await CaptureAsync("+8613800138001");

        Assert.Equal("rep-li", lead.OwnerRepId);
        var rep = (await _data.Rep("rep-li").GetAsync())!;
        Assert.Equal([lead.Id], rep.OpenLeadIds);
        Assert.Equal(1, rep.RecentAssignments);
        Assert.Single(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "lead-assigned" && i.LeadId == lead.Id);
        Assert.False(await IsActiveAsync(lead.Id));

        // Started later (here by a read), it adopts the decision and the rep's side is not taken twice.
        Assert.Equal("rep-li", (await _data.Lead(lead.Id).GetAsync())!.OwnerRepId);
        Assert.Equal([lead.Id], (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
        Assert.Single(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "lead-assigned" && i.LeadId == lead.Id);
    }

    [Fact]
    public async Task Capture_TheOwnersStateIsNeverWritten_ItTakesTheLeadFromItsAssignmentStreamWhenItComesBack()
    {
        await SalesTeamWithRulesAsync();

        // The rep is gone before writing what it took in memory (its timed write and its last write both fail).
        FaultyStorage.FailNextWrites(_data.Key("rep-li"), 10);
        var (_, lead) = await CaptureAsync("+8613800138002");
        Assert.Equal("rep-li", lead.OwnerRepId);
        Assert.Equal([lead.Id], (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        FaultyStorage.FailNextWrites(_data.Key("rep-li"), 0);

        var rep = (await _data.Rep("rep-li").GetAsync())!;
        Assert.Equal([lead.Id], rep.OpenLeadIds);
        Assert.Equal(1, rep.RecentAssignments);
        Assert.Single(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "lead-assigned" && i.LeadId == lead.Id);
    }

    [Fact]
    public async Task Capture_TheOwnerComesBackWithoutWhatItTookInMemory_TheRouterCountsEachOfItsLeadsOnce()
    {
        await SalesTeamWithRulesAsync();
        var router = fixture.Grains.GetGrain<IRouterGrain>(_data.Key(IRouterGrain.Id));

        // Three leads taken in memory and reported (revisions r+1..r+3), never written: the rep comes back at revision r.
        FaultyStorage.FailNextWrites(_data.Key("rep-li"), 10);
        for (var i = 0; i < 3; i++)
        {
            await CaptureAsync($"+861380013801{i}");
        }

        // A write that fails deactivates the rep alone (the router stays, with what it was told).
        await Assert.ThrowsAsync<CrmException>(() => _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, true, ["sales"])));
        FaultyStorage.FailNextWrites(_data.Key("rep-li"), 0);

        // Four more: the reports of the new activation must not be taken for old ones (each lead's reserved room
        // stays until a report the router accepts, and that report counts the lead as well).
        for (var i = 3; i < 7; i++)
        {
            await CaptureAsync($"+861380013801{i}");
        }

        Assert.Equal(7, (await _data.Rep("rep-li").GetAsync())!.OpenLeadIds.Count);
        Assert.Equal(7, (await router.GetLoadsAsync())["rep-li"].OpenLeads);
    }

    [Fact]
    public async Task Capture_TheLeadLeftTheRep_ACatchUpDoesNotGiveItBack()
    {
        await SalesTeamWithRulesAsync();
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 10, true, []));
        var (_, lead) = await CaptureAsync("+8613800138003");
        await _data.Lead(lead.Id).AssignAsync(new AssignLead("rep-zhang", TimeSpan.FromHours(1), "sup-wang"));
        Assert.Empty((await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Empty((await _data.Rep("rep-li").GetAsync())!.OpenLeadIds);
        Assert.Equal([lead.Id], (await _data.Rep("rep-zhang").GetAsync())!.OpenLeadIds);
    }

    [Fact]
    public async Task Capture_NobodyTouchesTheLead_TheCustomersWakeUpStartsItAndTheFirstTouchDeadlineFires()
    {
        await SalesTeamWithRulesAsync();
        var (customer, lead) = await CaptureAsync("+8613800138004");
        var due = lead.FirstTouchDueAt!.Value;
        Assert.True(due - ClusterFixture.Clock.GetUtcNow() <= TimeSpan.FromMinutes(30));

        // Before the deadline a wake-up changes nothing.
        await customer.WakeUpAsync();
        Assert.False(await IsActiveAsync(lead.Id));

        ClusterFixture.Clock.Advance(due - ClusterFixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await customer.WakeUpAsync();

        var overdue = (await _data.Lead(lead.Id).GetAsync())!;
        Assert.Single(overdue.History, e => e.Type == "first-touch-overdue");
        Assert.Single(await _data.Rep("sup-wang").GetInboxAsync(), i => i.Kind == "first-touch-overdue" && i.LeadId == lead.Id);

        // A second wake-up does not fire it again.
        await customer.WakeUpAsync();
        Assert.Single((await _data.Lead(lead.Id).GetAsync())!.History, e => e.Type == "first-touch-overdue");
    }
}
