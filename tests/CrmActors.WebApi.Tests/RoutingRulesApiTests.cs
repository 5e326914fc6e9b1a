using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Routing rule sets through the API: named validation errors, side-effect-free tests, atomic publish and rollback.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoutingRulesApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private static object RuleSet(string urgentGroupTarget = "enrollment", string op = "containsAny", string budgetMin = "100000", string budgetMax = "900000") => new
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
                    new { field = "note", @operator = op, values = new[] { "急", "urgent" } },
                },
                action = new { target = new { kind = "topOfGroup", id = urgentGroupTarget, count = 2 }, urgency = "high", firstTouchSla = "00:30:00", notify = new[] { "sms" } },
            },
            new
            {
                id = "big-hospital",
                name = "Hospital budgets",
                conditions = new object[] { new { field = "budget", @operator = "between", values = new[] { budgetMin, budgetMax } } },
                action = new { target = new { kind = "rep", id = "rep-li" } },
            },
        },
        fallback = new { target = new { kind = "group", id = "enrollment" } },
    };

    private async Task RosterAsync()
    {
        foreach (var (id, groups) in new[] { ("rep-li", new[] { "medical" }), ("rep-sun", new[] { "enrollment" }), ("rep-zhou", new[] { "enrollment" }) })
        {
            (await Manager.PutAsJsonAsync($"/api/v1/reps/{id}", new { displayName = id, capacity = 10, groups })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task SaveDraft_InvalidRules_Is400NamingRuleAndFieldAndKeepsNoDraft()
    {
        await RosterAsync();

        var response = await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet(urgentGroupTarget: "no-such-group", op: "like", budgetMin: "900000", budgetMax: "100"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
        Assert.Contains("rules[0].conditions[1].operator", errors.Keys);
        Assert.Contains("douyin-urgent", errors["rules[0].conditions[1].operator"], StringComparison.Ordinal);
        Assert.Contains(errors.Keys, k => k.StartsWith("rules[0].action.target", StringComparison.Ordinal));
        Assert.Contains(errors.Keys, k => k.StartsWith("rules[1].conditions[0]", StringComparison.Ordinal));
        var rules = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/routing/rules");
        Assert.Equal(JsonValueKind.Null, rules.GetProperty("draft").ValueKind);
    }

    [Fact]
    public async Task TestDraft_SampleLeads_ShowsWhereEachGoesAndWhyWithoutSideEffects()
    {
        await RosterAsync();
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet())).EnsureSuccessStatusCode();

        var response = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new
        {
            leads = new object[]
            {
                new { id = "s1", channel = "douyin_dm", note = "家长很急, wants a trial", createdAt = "2026-11-23T10:00:00+08:00" },
                new { id = "s2", channel = "website_form", budget = 500000, createdAt = "2026-11-23T10:00:00+08:00" },
                new { id = "s3", channel = "website_form", createdAt = "2026-11-23T10:00:00+08:00" },
            },
        });

        response.EnsureSuccessStatusCode();
        var decisions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions").EnumerateArray().ToArray();
        Assert.Equal("douyin-urgent", decisions[0].GetProperty("ruleId").GetString());
        Assert.Equal(2, decisions[0].GetProperty("shortlist").GetArrayLength());
        Assert.Equal("high", decisions[0].GetProperty("urgency").GetString());
        var candidate = decisions[0].GetProperty("candidates")[0];
        var components = candidate.GetProperty("components").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.Equal(candidate.GetProperty("total").GetDouble(), components, 6);
        Assert.Equal(("big-hospital", "rep-li"), (decisions[1].GetProperty("ruleId").GetString(), decisions[1].GetProperty("chosenRepId").GetString()));
        Assert.True(decisions[2].GetProperty("usedFallback").GetBoolean());

        // Nothing was assigned and nothing went live.
        var li = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/rep-li");
        Assert.Equal(0, li.GetProperty("openLeadIds").GetArrayLength());
        var rules = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/routing/rules");
        Assert.Equal(JsonValueKind.Null, rules.GetProperty("activeVersion").ValueKind);
    }

    [Fact]
    public async Task Publish_ThenNewDraftAndRollback_LiveVersionChangesOnlyByPublishAndRollback()
    {
        await RosterAsync();
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet())).EnsureSuccessStatusCode();

        var first = await (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, first.GetProperty("activeVersion").GetInt32());

        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet(budgetMin: "1", budgetMax: "2"))).EnsureSuccessStatusCode();
        var withDraft = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/routing/rules");
        Assert.Equal(1, withDraft.GetProperty("activeVersion").GetInt32());
        Assert.Equal("100000", withDraft.GetProperty("versions")[0].GetProperty("ruleSet").GetProperty("rules")[1].GetProperty("conditions")[0].GetProperty("values")[0].GetString());

        var second = await (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, second.GetProperty("activeVersion").GetInt32());
        Assert.Equal(2, second.GetProperty("versions")[1].GetProperty("ruleSet").GetProperty("version").GetInt32());

        var rolledBack = await Admin.PostAsJsonAsync("/api/v1/routing/rules/rollback", new { version = 1 });
        Assert.Equal(1, (await rolledBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeVersion").GetInt32());
        await Problems.AssertProblemAsync(await Admin.PostAsJsonAsync("/api/v1/routing/rules/rollback", new { version = 99 }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveDraft_NegativeLeadScoreWeight_Is400NamingTheWeight()
    {
        await RosterAsync();
        var ruleSet = new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "enrollment" } }, weights = new { leadScore = -0.5 } };

        var response = await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", ruleSet);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("weights.leadScore", error.Name);
        Assert.Contains("at least 0", error.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestDraft_WeighedLeadScore_HotSampleGoesToTheProvenCloserAndABadScoreIs400()
    {
        // rep-sun won 20 deals (closing strength 20 / (20 + 5) = 0.8), rep-zhou none; otherwise alike.
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-sun", new { displayName = "rep-sun", capacity = 10, groups = new[] { "enrollment" }, wins = new[] { new { industry = "retail", count = 20 } } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-zhou", new { displayName = "rep-zhou", capacity = 10, groups = new[] { "enrollment" } })).EnsureSuccessStatusCode();

        var ruleSet = new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "enrollment" } }, weights = new { leadScore = 3 } };
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", ruleSet)).EnsureSuccessStatusCode();

        var response = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leads = new object[] { new { id = "hot", channel = "website_form", score = 0.9 } } });

        response.EnsureSuccessStatusCode();
        var decision = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions")[0];
        Assert.Equal("rep-sun", decision.GetProperty("chosenRepId").GetString());
        Assert.Equal(0.9, decision.GetProperty("leadScore").GetDouble());
        var component = decision.GetProperty("candidates")[0].GetProperty("components").EnumerateArray().Last();
        Assert.Equal(("leadScore", 3.0), (component.GetProperty("name").GetString(), component.GetProperty("weight").GetDouble()));
        Assert.Equal(0.9 * 0.8, component.GetProperty("raw").GetDouble(), 9);

        var bad = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leads = new object[] { new { channel = "website_form", score = 1.5 } } });
        var problem = await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal("leads[0].score", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
    }

    [Fact]
    public async Task RoutingRules_ByARep_Is403()
    {
        var rep = api.As(_tenant, "rep-1", CrmRoles.Rep);

        await Problems.AssertProblemAsync(await rep.GetAsync("/api/v1/routing/rules"), HttpStatusCode.Forbidden);
    }
}
