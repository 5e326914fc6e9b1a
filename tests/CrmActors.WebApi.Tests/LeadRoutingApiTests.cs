using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Routing leads under the live rule set, on capture and on request: best rep, explanation, capacity under a burst, reassignment.</summary>
[Collection(ApiCollection.Name)]
public sealed class LeadRoutingApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private int _phone;

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private async Task SetUpAsync(int capacity, params (string Id, string[] Products)[] reps)
    {
        foreach (var (id, products) in reps)
        {
            (await Manager.PutAsJsonAsync($"/api/v1/reps/{id}", new { displayName = id, capacity, groups = new[] { "enrollment" }, products })).EnsureSuccessStatusCode();
        }

        var ruleSet = new
        {
            rules = new object[]
            {
                new
                {
                    id = "douyin-urgent",
                    name = "Douyin DM marked urgent",
                    conditions = new object[]
                    {
                        new { field = "channel", @operator = "equals", values = new[] { "douyin_dm" } },
                        new { field = "note", @operator = "containsAny", values = new[] { "急", "urgent" } },
                    },
                    action = new { target = new { kind = "group", id = "enrollment" }, urgency = "high", firstTouchSla = "00:30:00" },
                },
            },
            fallback = new { target = new { kind = "group", id = "enrollment" } },
        };
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", ruleSet)).EnsureSuccessStatusCode();
        (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).EnsureSuccessStatusCode();
    }

    private async Task<string> LeadAsync(string channel = "website_form", string? note = null, string product = "trial class")
    {
        var phone = $"1380000{Interlocked.Increment(ref _phone):D4}";
        var response = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Parent", phone, channel, productInterest = product, note });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The routing decision of a lead once routing on capture has made one (it runs after intake answers).</summary>
    private async Task<JsonElement> RoutedAsync(string id)
    {
        for (var i = 0; i < 200; i++)
        {
            var response = await Manager.GetAsync($"/api/v1/leads/{id}/routing");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await Task.Delay(25);
        }

        throw new TimeoutException($"Lead {id} was not routed within 5 s of capture.");
    }

    private static string? Owner(JsonElement routing) => routing.GetProperty("chosenRepId").ValueKind == JsonValueKind.Null ? null : routing.GetProperty("chosenRepId").GetString();

    [Fact]
    public async Task Capture_UrgentDouyinLead_IsRoutedToTheBestMatchWithAnExplanationAndDeadline()
    {
        await SetUpAsync(10, ("rep-sun", ["trial class"]), ("rep-zhou", ["adult english"]));

        var id = await LeadAsync("抖音", "家长很急");

        var routing = await RoutedAsync(id);
        Assert.Equal("rep-sun", routing.GetProperty("chosenRepId").GetString());
        Assert.Equal("douyin-urgent", routing.GetProperty("ruleId").GetString());
        Assert.Equal(1, routing.GetProperty("ruleSetVersion").GetInt32());
        var candidates = routing.GetProperty("decision").GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(2, candidates.Length);
        var product = candidates.Single(c => c.GetProperty("repId").GetString() == "rep-sun").GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "product");
        Assert.True(product.GetProperty("contribution").GetDouble() > 0);

        var lead = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        Assert.Equal("rep-sun", lead.GetProperty("ownerRepId").GetString());
        var due = lead.GetProperty("firstTouchDueAt").GetDateTimeOffset() - lead.GetProperty("assignedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(30), due);
        Assert.Contains(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains("by routing v1 (douyin-urgent), requested by intake", StringComparison.Ordinal));
        var sun = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-sun");
        Assert.Contains(sun.GetProperty("openLeadIds").EnumerateArray(), l => l.GetString() == id);
    }

    [Fact]
    public async Task Capture_WithLiveRules_The201NamesOwnerRuleUrgencyAndDue_AndTheDecisionIsJournaledOnce()
    {
        await SetUpAsync(10, ("rep-sun", ["trial class"]), ("rep-zhou", ["adult english"]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
        {
            Content = JsonContent.Create(new { name = "家长", phone = "13900001111", channel = "douyin_dm", productInterest = "trial class", note = "很急" }),
        };
        request.Headers.Add("Idempotency-Key", "form-42");

        var response = await Manager.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rep-sun", created.GetProperty("ownerRepId").GetString());
        Assert.Equal("Assigned", created.GetProperty("stage").GetString());
        Assert.Equal(TimeSpan.FromMinutes(30), created.GetProperty("firstTouchDueAt").GetDateTimeOffset() - created.GetProperty("assignedAt").GetDateTimeOffset());
        var routing = created.GetProperty("routing");
        Assert.Equal("assigned", routing.GetProperty("status").GetString());
        Assert.Equal("douyin-urgent", routing.GetProperty("ruleId").GetString());
        Assert.Equal("high", routing.GetProperty("urgency").GetString());
        Assert.Equal(1, routing.GetProperty("ruleSetVersion").GetInt32());

        // A retry of the form gets the same answer; the decision is in the history once, and the rep lists the lead.
        var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
        {
            Content = JsonContent.Create(new { name = "家长", phone = "13900001111", channel = "douyin_dm", productInterest = "trial class", note = "很急" }),
        };
        retry.Headers.Add("Idempotency-Key", "form-42");
        var replayed = await (await Manager.SendAsync(retry)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rep-sun", replayed.GetProperty("ownerRepId").GetString());
        Assert.Equal(created.GetProperty("firstTouchDueAt").GetDateTimeOffset(), replayed.GetProperty("firstTouchDueAt").GetDateTimeOffset());
        var id = created.GetProperty("id").GetString()!;
        var history = (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/routing")).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal("rep-sun", Assert.Single(history).GetProperty("chosenRepId").GetString());
        var sun = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-sun");
        Assert.Equal([id], sun.GetProperty("openLeadIds").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Capture_NobodyHasRoom_The201SaysUnassignedAndWhy()
    {
        await SetUpAsync(1, ("rep-only", ["trial class"]));
        await LeadAsync();

        var response = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Parent", phone = "13900002222", channel = "website_form" });

        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("ownerRepId").ValueKind);
        var routing = created.GetProperty("routing");
        Assert.Equal("unassigned", routing.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(routing.GetProperty("unassignedReason").GetString()));
    }

    [Fact]
    public async Task Capture_ConcurrentBurstToOneGroup_NoRepExceedsCapacityAndTheBurstSpreads()
    {
        await SetUpAsync(4, ("rep-a", []), ("rep-b", []), ("rep-c", []));

        var ids = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => LeadAsync()));

        var routed = await Task.WhenAll(ids.Select(RoutedAsync));
        var owners = routed.Select(Owner).ToArray();
        Assert.Equal(12, owners.Count(o => o is not null));
        foreach (var unassigned in routed.Where(r => Owner(r) is null))
        {
            var lead = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{unassigned.GetProperty("leadId").GetString()}");
            Assert.Equal(JsonValueKind.Null, lead.GetProperty("ownerRepId").ValueKind);
            Assert.Contains(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "routing-unassigned");
        }

        foreach (var rep in new[] { "rep-a", "rep-b", "rep-c" })
        {
            Assert.Equal(4, owners.Count(o => o == rep));
            var open = (await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{rep}")).GetProperty("openLeadIds").GetArrayLength();
            Assert.Equal(4, open);
        }
    }

    [Fact]
    public async Task Capture_BurstToAGroupWithRoomToSpare_SpreadsByFairnessInsteadOfPilingOnTheBestMatch()
    {
        // rep-a matches the product, so it scores best for every lead; capacity never binds here.
        await SetUpAsync(100, ("rep-a", ["trial class"]), ("rep-b", []), ("rep-c", []));

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => LeadAsync()));

        var owners = (await Task.WhenAll(ids.Select(RoutedAsync))).Select(Owner).ToArray();
        Assert.All(owners, o => Assert.NotNull(o));
        var perRep = owners.GroupBy(o => o).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(3, perRep.Count);
        Assert.True(perRep["rep-a"] >= perRep["rep-b"] && perRep["rep-a"] >= perRep["rep-c"], $"the best match should get the most, got {string.Join(", ", perRep)}");
        Assert.True(perRep["rep-a"] < 12, "fairness and load should move leads to the others");
    }

    [Fact]
    public async Task Reassign_NeverReturnsTheLeadToAPreviousOwner()
    {
        await SetUpAsync(10, ("rep-a", []), ("rep-b", []));
        var id = await LeadAsync();

        var first = Owner(await RoutedAsync(id));
        var second = (await (await Manager.PostAsync($"/api/v1/leads/{id}/routing", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerRepId").GetString();
        var third = await (await Manager.PostAsync($"/api/v1/leads/{id}/routing", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.NotEqual(first, second);
        Assert.Equal(second, third.GetProperty("ownerRepId").GetString());
        Assert.Null(third.GetProperty("chosenRepId").GetString());
        var previous = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{first}");
        Assert.Equal(0, previous.GetProperty("openLeadIds").GetArrayLength());
    }

    [Fact]
    public async Task Route_QualifiedLead_MatchesRulesOnBudgetAndRegion()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-li", new { displayName = "Li", capacity = 10, groups = new[] { "medical" } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-sun", new { displayName = "Sun", capacity = 10, groups = new[] { "enrollment" } })).EnsureSuccessStatusCode();
        var ruleSet = new
        {
            rules = new object[]
            {
                new
                {
                    id = "shanghai-hospitals",
                    name = "Shanghai hospital budgets",
                    conditions = new object[]
                    {
                        new { field = "region", @operator = "equals", values = new[] { "Shanghai" } },
                        new { field = "budget", @operator = "between", values = new[] { "500000", "5000000" } },
                    },
                    action = new { target = new { kind = "rep", id = "rep-li" } },
                },
            },
            fallback = new { target = new { kind = "group", id = "enrollment" } },
        };
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", ruleSet)).EnsureSuccessStatusCode();
        (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).EnsureSuccessStatusCode();
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Ruijin", phone = "13922223333", channel = "website_form", region = "Shanghai", budget = 800000 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var routing = await RoutedAsync(id);

        Assert.Equal(("shanghai-hospitals", "rep-li"), (routing.GetProperty("ruleId").GetString(), Owner(routing)));
    }

    [Fact]
    public async Task Route_NothingPublished_Is409AndTheLeadStaysUnassigned()
    {
        // Routing on capture finds nothing published either: the tenant assigns by hand.
        var id = await LeadAsync();

        await Problems.AssertProblemAsync(await Manager.PostAsync($"/api/v1/leads/{id}/routing", null), HttpStatusCode.Conflict);
        var lead = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("ownerRepId").ValueKind);
        await Problems.AssertProblemAsync(await Manager.GetAsync($"/api/v1/leads/{id}/routing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RepPutOnLeave_TheNextLeadCapturedAfterTheAnswer_GoesToSomeoneElseAndSaysWhy()
    {
        await SetUpAsync(10, ("rep-a", ["trial class"]), ("rep-b", []));
        Assert.Equal("rep-a", Owner(await RoutedAsync(await LeadAsync())));

        var leave = await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "rep-a", capacity = 10, groups = new[] { "enrollment" }, products = new[] { "trial class" }, onLeaveUntil = DateTimeOffset.UtcNow.AddDays(2) });
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        var next = await RoutedAsync(await LeadAsync());

        Assert.Equal("rep-b", Owner(next));
        Assert.Contains("rep-a", next.GetProperty("decision").GetProperty("excludedByReason").GetProperty("onLeave").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task PublishThenRollback_TheNextLeadAfterEachAnswer_IsRoutedByTheVersionJustMadeLive()
    {
        await SetUpAsync(10, ("rep-a", []), ("rep-b", []));
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-c", new { displayName = "rep-c", capacity = 10, groups = new[] { "vip" } })).EnsureSuccessStatusCode();
        Assert.Equal(1, (await RoutedAsync(await LeadAsync())).GetProperty("ruleSetVersion").GetInt32());
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "vip" } } })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).StatusCode);
        var afterPublish = await RoutedAsync(await LeadAsync());
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsJsonAsync("/api/v1/routing/rules/rollback", new { version = 1 })).StatusCode);
        var afterRollback = await RoutedAsync(await LeadAsync());

        Assert.Equal((2, "rep-c"), (afterPublish.GetProperty("ruleSetVersion").GetInt32(), Owner(afterPublish)));
        Assert.Equal(1, afterRollback.GetProperty("ruleSetVersion").GetInt32());
        Assert.NotEqual("rep-c", Owner(afterRollback));
    }

    [Fact]
    public async Task Explanation_ARepHoldingALeadAssignedAMomentEarlier_IsShownWithThatLoad()
    {
        await SetUpAsync(10, ("rep-a", ["trial class"]), ("rep-b", []));
        Assert.Equal("rep-a", Owner(await RoutedAsync(await LeadAsync())));

        var second = await RoutedAsync(await LeadAsync());

        var a = second.GetProperty("decision").GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("repId").GetString() == "rep-a");
        Assert.Equal(1, a.GetProperty("load").GetProperty("openLeads").GetInt32());
        Assert.Equal(1, a.GetProperty("load").GetProperty("recentAssignments").GetInt32());
        var b = second.GetProperty("decision").GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("repId").GetString() == "rep-b");
        Assert.Equal(0, b.GetProperty("load").GetProperty("openLeads").GetInt32());
    }

    [Fact]
    public async Task RuleTargetFull_TheLeadGoesToTheFallbackTarget_AndWhenThatIsFullStaysUnassignedSayingWhy()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-bank", new { displayName = "Bank", capacity = 1, groups = new[] { "banking" } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-any", new { displayName = "Any", capacity = 1, groups = new[] { "enrollment" } })).EnsureSuccessStatusCode();
        var ruleSet = new
        {
            rules = new object[] { new { id = "douyin", name = "Douyin", conditions = new object[] { new { field = "channel", @operator = "equals", values = new[] { "douyin_dm" } } }, action = new { target = new { kind = "group", id = "banking" } } } },
            fallback = new { target = new { kind = "group", id = "enrollment" } },
        };
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", ruleSet)).EnsureSuccessStatusCode();
        (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).EnsureSuccessStatusCode();
        Assert.Equal("rep-bank", Owner(await RoutedAsync(await LeadAsync("抖音"))));

        var fallback = await RoutedAsync(await LeadAsync("抖音"));
        var unassigned = await RoutedAsync(await LeadAsync("抖音"));

        Assert.Equal(("douyin", "rep-any"), (fallback.GetProperty("ruleId").GetString(), Owner(fallback)));
        Assert.True(fallback.GetProperty("decision").GetProperty("usedFallback").GetBoolean());
        Assert.Null(Owner(unassigned));
        Assert.Equal(JsonValueKind.Null, unassigned.GetProperty("ownerRepId").ValueKind);
        Assert.Contains("capacity", unassigned.GetProperty("decision").GetProperty("unassignedReason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, unassigned.GetProperty("decision").GetProperty("chosenRepId").ValueKind);
    }

    [Fact]
    public async Task RoutingHistory_FirstDecisionAndAReroute_BothListedWithTheirVersionsAndWhoAsked()
    {
        await SetUpAsync(10, ("rep-a", []), ("rep-b", []));
        var id = await LeadAsync();
        var first = Owner(await RoutedAsync(id));
        (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).EnsureSuccessStatusCode();

        var rerouted = await (await Manager.PostAsync($"/api/v1/leads/{id}/routing", null)).Content.ReadFromJsonAsync<JsonElement>();
        var read = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/routing");

        var history = read.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2, history.Length);
        Assert.Equal(("first", 1, first, "intake"), (history[0].GetProperty("kind").GetString(), history[0].GetProperty("ruleSetVersion").GetInt32(), history[0].GetProperty("chosenRepId").GetString(), history[0].GetProperty("requestedBy").GetString()));
        Assert.Equal(("reroute", 2, rerouted.GetProperty("ownerRepId").GetString(), "mgr-1"), (history[1].GetProperty("kind").GetString(), history[1].GetProperty("ruleSetVersion").GetInt32(), history[1].GetProperty("chosenRepId").GetString(), history[1].GetProperty("requestedBy").GetString()));
        Assert.Equal(first, history[1].GetProperty("previousOwnerRepId").GetString());
        Assert.Equal(2, read.GetProperty("ruleSetVersion").GetInt32());
    }

    [Fact]
    public async Task Reconcile_AfterRouting_FindsNothingToChangeAndListsTheRepsLeads()
    {
        await SetUpAsync(10, ("rep-a", ["trial class"]));
        var id = await LeadAsync();
        await RoutedAsync(id);

        var response = await Admin.PostAsync("/api/v1/reps/rep-a/reconcile", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("removed").GetArrayLength());
        Assert.Equal(0, result.GetProperty("added").GetArrayLength());
        Assert.Equal([id], result.GetProperty("openLeadIds").EnumerateArray().Select(e => e.GetString()));
        await Problems.AssertProblemAsync(await Admin.PostAsync("/api/v1/reps/nobody/reconcile", null), HttpStatusCode.NotFound);
    }
}
