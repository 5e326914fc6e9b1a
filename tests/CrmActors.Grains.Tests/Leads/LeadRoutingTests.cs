using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Tests.Common;

namespace CrmActors.Grains.Tests.Leads;

/// <summary>
/// A rep lists a lead only once the lead is stored as theirs, whatever stops a routing call half way, and the router's
/// load for the rep is true again afterwards; every decision is kept in the lead's routing history.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeadRoutingTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private IRouterGrain Router => fixture.Grains.GetGrain<IRouterGrain>(_data.Key(IRouterGrain.Id));

    private async Task SalesTeamAsync(int capacity = 10)
    {
        await _data.Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", capacity, true, ["sales"]));
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", capacity, true, ["sales"]));
    }

    private async Task PublishToSalesAsync()
    {
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        Assert.Empty((await rules.SaveDraftAsync("""{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}}}""", "admin-1")).Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
    }

    private async Task<int> LoadOfAsync(string repId) => (await Router.GetLoadsAsync()).TryGetValue(repId, out var load) ? load.OpenLeads : 0;

    /// <summary>A rep tells the router of a change of load one-way, right after storing it: the router has it moments later.</summary>
    private Task<int> LoadSettlesAtAsync(string repId, int expected) =>
        Eventually.MatchAsync(() => LoadOfAsync(repId), load => load == expected, $"the router to count {expected} open lead(s) for {repId}");

    private async Task<IReadOnlyList<string>> OpenLeadsOfAsync(string repId) => (await _data.Rep(repId).GetAsync())!.OpenLeadIds;

    [Fact]
    public async Task Route_TheLeadsWriteFails_NoRepListsItAndTheRoomIsGivenBack()
    {
        await SalesTeamAsync(capacity: 1);
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 1, false, ["sales"]));
        await PublishToSalesAsync();
        var lead = await _data.NewLeadAsync();
        FaultyStorage.FailNextWrites(_data.Key("lead-1"));

        var failed = await Assert.ThrowsAsync<CrmException>(() => lead.RouteAsync("sup-wang"));

        Assert.Equal(CrmErrorCode.StorageUnavailable, failed.Code);
        Assert.Empty(await OpenLeadsOfAsync("rep-li"));
        Assert.Equal(0, await LoadOfAsync("rep-li"));
        Assert.Null((await lead.GetAsync())!.OwnerRepId);

        // rep-li's only place was given back: the retry gets it.
        var routed = await lead.RouteAsync("sup-wang");
        Assert.Equal("rep-li", routed.OwnerRepId);
        Assert.Equal(["lead-1"], await OpenLeadsOfAsync("rep-li"));
        Assert.Equal(1, await LoadOfAsync("rep-li"));
    }

    [Fact]
    public async Task Route_TheRepCannotBeToldAtOnce_TheLeadsWakeUpHandsItOverAndTheLoadCountsItOnce()
    {
        await SalesTeamAsync();
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 10, false, ["sales"]));
        await PublishToSalesAsync();
        var lead = await _data.NewLeadAsync();
        FaultyStorage.FailNextWrites(_data.Key("rep-li"));

        var routed = await lead.RouteAsync("sup-wang");

        // Stored as rep-li's; rep-li does not list it yet, but the router keeps the room reserved.
        Assert.Equal("rep-li", routed.OwnerRepId);
        Assert.Empty(await OpenLeadsOfAsync("rep-li"));
        Assert.Equal(1, await LoadOfAsync("rep-li"));

        await lead.WakeUpAsync();

        Assert.Equal(["lead-1"], await OpenLeadsOfAsync("rep-li"));
        Assert.Equal(1, await LoadOfAsync("rep-li"));
        Assert.Single(await _data.Rep("rep-li").GetInboxAsync(), i => i.Kind == "lead-assigned" && i.LeadId == "lead-1");
    }

    [Fact]
    public async Task Reroute_MovesTheLeadFromTheOldOwnersListToTheNewOwnersAndKeepsBothDecisions()
    {
        await SalesTeamAsync();
        await PublishToSalesAsync();
        var lead = await _data.NewLeadAsync();
        var first = (await lead.RouteAsync("intake")).OwnerRepId!;
        var other = first == "rep-li" ? "rep-zhang" : "rep-li";

        var moved = await lead.RouteAsync("sup-wang");

        Assert.Equal(other, moved.OwnerRepId);
        Assert.Empty(await OpenLeadsOfAsync(first));
        Assert.Equal(["lead-1"], await OpenLeadsOfAsync(other));
        await LoadSettlesAtAsync(first, 0);
        Assert.Equal(1, await LoadOfAsync(other));
        var history = await lead.GetRoutingHistoryAsync();
        Assert.Equal([(LeadRoutingRecord.First, first, (string?)null), (LeadRoutingRecord.Reroute, other, first)], history.Select(h => (h.Kind, h.ChosenRepId!, h.PreviousOwnerRepId)));
        Assert.All(history, h => Assert.Equal(1, h.RuleSetVersion));
        Assert.Equal("sup-wang", history[1].RequestedBy);
        Assert.Equal(other, JsonDocument.Parse(history[1].DecisionJson).RootElement.GetProperty("chosenRepId").GetString());
    }

    [Fact]
    public async Task Route_NobodyHasRoom_KeptAsUnassignedWithTheReasonInTheHistory()
    {
        await SalesTeamAsync(capacity: 1);
        await PublishToSalesAsync();
        await (await _data.NewLeadAsync("lead-1")).RouteAsync("intake");
        var second = _data.Lead("lead-2");
        await second.CreateAsync(new NewLead("Ms. Huang", "13912345678", "douyin_dm", null, null, null, null, "rep-li"));
        await (await _data.NewLeadAsync("lead-3")).RouteAsync("intake");

        var unassigned = await second.RouteAsync("intake");

        Assert.Null(unassigned.OwnerRepId);
        Assert.Null(unassigned.Routing!.ChosenRepId);
        var record = Assert.Single(await second.GetRoutingHistoryAsync());
        Assert.Null(record.ChosenRepId);
        Assert.Contains("capacity", record.UnassignedReason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(unassigned.History, e => e.Type == "routing-unassigned" && e.Detail.Contains("capacity", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Reconcile_AGhostAndAMissingLead_TheListBecomesTheLeadsThatNameTheRep()
    {
        await SalesTeamAsync();
        await _data.Rep("rep-zhang").SaveProfileAsync(new RepProfile("Zhang", null, "sup-wang", 10, false, ["sales"]));
        await PublishToSalesAsync();
        var lead = await _data.NewLeadAsync();
        Assert.Equal("rep-li", (await lead.RouteAsync("intake")).OwnerRepId);

        // What an older version could leave behind: another rep listing the lead, and the owner not listing it.
        await _data.Rep("rep-zhang").TakeLeadAsync(new LeadHandover("lead-1", Routed: false, Notice: null));
        await _data.Rep("rep-li").RemoveOpenLeadAsync("lead-1");
        var reconciler = fixture.Grains.GetGrain<IRepLeadsReconcilerGrain>(_data.Tenant);

        var ghost = await reconciler.ReconcileAsync("rep-zhang");
        var missing = await reconciler.ReconcileAsync("rep-li");

        Assert.Equal(["lead-1"], ghost.Removed);
        Assert.Empty(ghost.OpenLeadIds);
        Assert.Equal(["lead-1"], missing.Added);
        Assert.Equal(["lead-1"], await OpenLeadsOfAsync("rep-li"));
        await LoadSettlesAtAsync("rep-zhang", 0);
        await LoadSettlesAtAsync("rep-li", 1);
        Assert.Empty((await reconciler.ReconcileAsync("rep-li")).Added);
    }
}
