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
}
