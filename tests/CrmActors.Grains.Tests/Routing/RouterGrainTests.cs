using System.Text.Json;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Routing;
using RoutingJson = CrmActors.Routing.RoutingJson;
using RoutingLead = CrmActors.Routing.RoutingLead;

namespace CrmActors.Grains.Tests.Routing;

/// <summary>The router decides from its snapshot; a stale one is replaced in the background, never on a decision's time.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RouterGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private IRoutingRulesGrain Rules => fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));

    private IRouterGrain Router => fixture.Grains.GetGrain<IRouterGrain>(_data.Key(IRouterGrain.Id));

    private async Task PublishAsync(string group)
    {
        var ruleSet = new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = group } } };
        var draft = await Rules.SaveDraftAsync(JsonSerializer.Serialize(ruleSet), "admin-1");
        Assert.Empty(draft.Errors);
        Assert.Empty((await Rules.PublishAsync("admin-1")).Errors);
    }

    private static RouteRequest Lead(string id) =>
        new(id, JsonSerializer.Serialize(new RoutingLead { Id = id, Channel = "website_form", CreatedAt = ClusterFixture.Clock.GetUtcNow() }, RoutingJson.Options), []);

    [Fact]
    public async Task Route_AfterANewVersionIsPublished_TheStaleSnapshotDecidesUntilTheBackgroundRefreshLands()
    {
        await _data.Rep("rep-a").SaveProfileAsync(new RepProfile("A", null, null, 10, true, ["east"]));
        await _data.Rep("rep-b").SaveProfileAsync(new RepProfile("B", null, null, 10, true, ["west"]));
        await PublishAsync("east");
        Assert.Equal((1, "rep-a"), Decision(await Router.RouteAsync(Lead("L1"))));

        await PublishAsync("west");
        Assert.Equal((1, "rep-a"), Decision(await Router.RouteAsync(Lead("L2"))));
        ClusterFixture.Clock.Advance(RouterGrain.RefreshEvery);

        // The decision that finds the snapshot stale is still made from it; the refresh runs behind it.
        Assert.Equal((1, "rep-a"), Decision(await Router.RouteAsync(Lead("L3"))));
        var later = await Eventually.MatchAsync(() => Router.RouteAsync(Lead("L4")), r => r.RuleSetVersion == 2, "version 2 to be live in the router");
        Assert.Equal("rep-b", later.Ranked[0]);
    }

    private static (int Version, string First) Decision(RouteResult result) => (result.RuleSetVersion, result.Ranked[0]);
}
