using System.Text.Json;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Routing;
using RoutingJson = CrmActors.Routing.RoutingJson;
using RoutingLead = CrmActors.Routing.RoutingLead;

namespace CrmActors.Grains.Tests.Routing;

/// <summary>
/// The tenant's router decides from the facts as they are now: a publish, a rollback or a rep's change is used by the
/// very next decision, and each decision reserves room with the rep it picks until the rep has the lead or the room is
/// given back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RouterGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private IRoutingRulesGrain Rules => fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));

    private IRouterGrain Router => fixture.Grains.GetGrain<IRouterGrain>(_data.Key(IRouterGrain.Id));

    private async Task PublishAsync(object ruleSet)
    {
        var draft = await Rules.SaveDraftAsync(JsonSerializer.Serialize(ruleSet), "admin-1");
        Assert.Empty(draft.Errors);
        Assert.Empty((await Rules.PublishAsync("admin-1")).Errors);
    }

    private static object ToGroup(string group) => new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = group } } };

    private static RouteRequest Lead(string id, string industry = "manufacturing") =>
        new(id, JsonSerializer.Serialize(new RoutingLead { Id = id, Channel = "website_form", Industry = industry, CreatedAt = ClusterFixture.Clock.GetUtcNow() }, RoutingJson.Options), []);

    private Task<RepSnapshot> SaveAsync(string id, string group, int capacity = 10, DateTimeOffset? onLeaveUntil = null) =>
        _data.Rep(id).SaveProfileAsync(new RepProfile(
            id, null, null, capacity, true, [group], null,
            onLeaveUntil is null ? null : new RepSchedule("Asia/Shanghai", new TimeOnly(0, 0), new TimeOnly(23, 59), [.. Enum.GetValues<DayOfWeek>()], onLeaveUntil)));

    private static JsonElement Candidate(RouteResult result, string repId) =>
        JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson(result.DecisionJson)).RootElement.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("repId").GetString() == repId);

    private static IEnumerable<string?> ExcludedFor(RouteResult result, string reason) =>
        JsonDocument.Parse(result.DecisionJson).RootElement.TryGetProperty("excludedByReason", out var excluded) && excluded.ValueKind == JsonValueKind.Object
            && excluded.TryGetProperty(reason, out var ids) ? [.. ids.EnumerateArray().Select(e => e.GetString())] : [];

    [Fact]
    public async Task Route_RightAfterAPublishAndARollback_UsesTheVersionJustMadeLive()
    {
        await SaveAsync("rep-a", "east");
        await SaveAsync("rep-b", "west");
        await PublishAsync(ToGroup("east"));
        Assert.Equal((1, "rep-a"), Decision(await Router.RouteAsync(Lead("L1"))));

        await PublishAsync(ToGroup("west"));
        Assert.Equal((2, "rep-b"), Decision(await Router.RouteAsync(Lead("L2"))));

        await Rules.RollbackAsync(1, "admin-1");
        Assert.Equal((1, "rep-a"), Decision(await Router.RouteAsync(Lead("L3"))));
    }

    [Fact]
    public async Task Route_WhatIsStored_KeepsTheCandidatesCompact_AndTheShownDecisionHasTheirBreakdowns()
    {
        foreach (var id in new[] { "rep-a", "rep-b", "rep-c", "rep-d" })
        {
            await SaveAsync(id, "sales");
        }

        await PublishAsync(ToGroup("sales"));

        var result = await Router.RouteAsync(Lead("L1"));

        // The capture stores this text: totals and raw values, no component named per candidate.
        using var stored = JsonDocument.Parse(result.DecisionJson);
        Assert.Equal(0, stored.RootElement.GetProperty("candidates").GetArrayLength());
        Assert.Equal(4, stored.RootElement.GetProperty("otherEligible").GetArrayLength());
        Assert.DoesNotContain("\"contribution\"", result.DecisionJson, StringComparison.Ordinal);
        Assert.Equal(result.ChosenRepId, stored.RootElement.GetProperty("otherEligible")[0].GetProperty("repId").GetString());
        var best = Candidate(result, result.ChosenRepId!);
        Assert.Equal(CrmActors.Routing.ScoreComponents.All, best.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Route_RightAfterARepIsPutOnLeave_SkipsThemAndSaysWhy()
    {
        await SaveAsync("rep-a", "sales");
        await SaveAsync("rep-b", "sales", capacity: 5);
        await PublishAsync(ToGroup("sales"));
        Assert.Equal("rep-a", (await Router.RouteAsync(Lead("L1"))).ChosenRepId);

        await SaveAsync("rep-a", "sales", onLeaveUntil: ClusterFixture.Clock.GetUtcNow().AddDays(3));
        var next = await Router.RouteAsync(Lead("L2"));

        Assert.Equal("rep-b", next.ChosenRepId);
        Assert.Equal(["rep-a"], ExcludedFor(next, "onLeave"));
    }

    [Fact]
    public async Task Route_ReservesRoomUntilReleased_AndTheExplanationShowsTheLoadItRead()
    {
        await SaveAsync("rep-a", "sales", capacity: 1);
        await SaveAsync("rep-b", "sales", capacity: 10);
        await PublishAsync(ToGroup("sales"));
        var first = await Router.RouteAsync(Lead("L1"));
        Assert.Equal("rep-a", first.ChosenRepId);
        Assert.Equal(0, Candidate(first, "rep-a").GetProperty("load").GetProperty("openLeads").GetInt32());

        // rep-a's one place is reserved for L1 while L1 stores its assignment: the next leads go to rep-b, and the room
        // reserved with rep-b is load the decision after reads (and shows).
        var second = await Router.RouteAsync(Lead("L2"));
        Assert.Equal("rep-b", second.ChosenRepId);
        Assert.Equal(["rep-a"], ExcludedFor(second, "atCapacity"));
        var third = await Router.RouteAsync(Lead("L3"));
        Assert.Equal("rep-b", third.ChosenRepId);
        Assert.Equal(1, Candidate(third, "rep-b").GetProperty("load").GetProperty("openLeads").GetInt32());
        Assert.Equal(1, Candidate(third, "rep-b").GetProperty("load").GetProperty("recentAssignments").GetInt32());

        // L1's assignment could not be stored: the room comes back at once.
        await Router.ReleaseAsync("L1");
        Assert.Equal(0, (await Router.GetLoadsAsync())["rep-a"].OpenLeads);
        Assert.Empty(ExcludedFor(await Router.RouteAsync(Lead("L4")), "atCapacity"));
    }

    [Fact]
    public async Task Route_AReservationNobodySettles_LapsesAfterItsLifetime()
    {
        await SaveAsync("rep-a", "sales", capacity: 1);
        await PublishAsync(ToGroup("sales"));
        Assert.Equal("rep-a", (await Router.RouteAsync(Lead("L1"))).ChosenRepId);
        var full = await Router.RouteAsync(Lead("L2"));
        Assert.Null(full.ChosenRepId);

        ClusterFixture.Clock.Advance(RouterGrain.ReservationLifetime);

        Assert.Equal("rep-a", (await Router.RouteAsync(Lead("L3"))).ChosenRepId);
    }

    [Fact]
    public async Task Route_EveryoneFull_LeavesItUnassignedWithTheReasonAndNamesNobody()
    {
        await SaveAsync("rep-a", "sales", capacity: 1);
        await PublishAsync(ToGroup("sales"));
        await Router.RouteAsync(Lead("L1"));

        var result = await Router.RouteAsync(Lead("L2"));

        Assert.Null(result.ChosenRepId);
        Assert.Contains("capacity", result.UnassignedReason, StringComparison.OrdinalIgnoreCase);
        var decision = JsonDocument.Parse(result.DecisionJson).RootElement;
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("chosenRepId").ValueKind);
        Assert.Contains("capacity", decision.GetProperty("unassignedReason").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Route_TheRulesTargetIsFull_OffersTheLeadToTheFallbackTarget()
    {
        await SaveAsync("rep-bank", "banking", capacity: 1);
        await SaveAsync("rep-any", "sales");
        await PublishAsync(new
        {
            rules = new[] { new { id = "finance", name = "Finance", conditions = new[] { new { field = "industry", @operator = "equals", values = new[] { "finance" } } }, action = new { target = new { kind = "group", id = "banking" } } } },
            fallback = new { target = new { kind = "group", id = "sales" } },
        });
        Assert.Equal("rep-bank", (await Router.RouteAsync(Lead("L1", "finance"))).ChosenRepId);

        var second = await Router.RouteAsync(Lead("L2", "finance"));

        Assert.Equal("rep-any", second.ChosenRepId);
        Assert.Equal("finance", second.RuleId);
        Assert.True(JsonDocument.Parse(second.DecisionJson).RootElement.GetProperty("usedFallback").GetBoolean());
    }

    [Fact]
    public async Task RepChanged_AnOlderRevisionArrivingLate_ChangesNothing()
    {
        await SaveAsync("rep-a", "sales");
        await PublishAsync(ToGroup("sales"));
        var current = await _data.Rep("rep-a").GetStatusAsync();
        await SaveAsync("rep-a", "sales", onLeaveUntil: ClusterFixture.Clock.GetUtcNow().AddDays(1));

        // The report of the profile before the leave, delivered after the one with it.
        await Router.RepChangedAsync(current!);

        Assert.Null((await Router.RouteAsync(Lead("L1"))).ChosenRepId);
    }

    [Fact]
    public async Task RepLoadChanged_ATakeConfirmedByALateReport_StillGivesTheReservedRoomBack()
    {
        await SaveAsync("rep-a", "sales", capacity: 1);
        await PublishAsync(ToGroup("sales"));
        var before = (await _data.Rep("rep-a").GetStatusAsync())!;
        Assert.Equal("rep-a", (await Router.RouteAsync(Lead("L1"))).ChosenRepId);
        Assert.Equal(1, (await Router.GetLoadsAsync())["rep-a"].OpenLeads);

        // A newer report (a profile save) overtook the one confirming the take: the late one's lead is no longer owed room.
        await SaveAsync("rep-a", "sales", capacity: 1);
        await Router.RepChangedAsync(before with { TookLeadId = "L1" });

        Assert.Equal(0, (await Router.GetLoadsAsync())["rep-a"].OpenLeads);
    }

    private static (int Version, string? Chosen) Decision(RouteResult result) => (result.RuleSetVersion, result.ChosenRepId);
}
