using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// What follows a routing decision: the owner's and co-assignee's inbox, closing a lead as won or lost, the win
/// history and recent assignments routing scores, and testing a draft on real leads.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RoutingFollowUpApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private int _phone;

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private async Task RosterAndRulesAsync(object? coAssign = null)
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/sup-wang", new { displayName = "Wang", groups = new[] { "leads" } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-wang", groups = new[] { "sales" } })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-b", new { displayName = "B", supervisorId = "sup-wang", groups = new[] { "sales" } })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet(coAssign))).EnsureSuccessStatusCode();
        (await Admin.PostAsync("/api/v1/routing/rules/publish", null)).EnsureSuccessStatusCode();
    }

    private static object RuleSet(object? coAssign) => new
    {
        rules = new object[]
        {
            new
            {
                id = "trade-show-big",
                conditions = new object[] { new { field = "channel", @operator = "equals", values = new[] { "trade_show_scan" } } },
                action = new { target = new { kind = "group", id = "sales" }, coAssign = coAssign ?? "none" },
            },
        },
        fallback = new { target = new { kind = "group", id = "sales" } },
    };

    private async Task<string> RoutedLeadAsync(string channel = "website_form", string? industry = null)
    {
        var phone = $"1390000{Interlocked.Increment(ref _phone):D4}";
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Qian", phone, channel, productInterest = "ultrasound", industry });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (var i = 0; i < 200; i++)
        {
            var lead = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
            if (lead.GetProperty("ownerRepId").ValueKind == JsonValueKind.String)
            {
                return id;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Lead {id} was not routed on capture.");
    }

    private async Task<JsonElement> LeadAsync(string id) => await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");

    private async Task<JsonElement> RepAsync(string id) => await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{id}");

    [Fact]
    public async Task Routed_RuleCoAssignsTheSupervisor_OwnerAndSupervisorFindTheLeadInTheirInbox()
    {
        await RosterAndRulesAsync(coAssign: "supervisor");

        var id = await RoutedLeadAsync("trade_show_scan");

        var lead = await LeadAsync(id);
        var owner = lead.GetProperty("ownerRepId").GetString()!;
        Assert.Equal("sup-wang", lead.GetProperty("coAssigneeRepId").GetString());
        var ownerInbox = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox");
        var assigned = Assert.Single(ownerInbox.EnumerateArray());
        Assert.Equal(("lead-assigned", id), (assigned.GetProperty("kind").GetString(), assigned.GetProperty("leadId").GetString()));
        Assert.Contains("Dr. Qian", assigned.GetProperty("title").GetString(), StringComparison.Ordinal);
        var supervisorInbox = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/reps/sup-wang/inbox");
        Assert.Equal("lead-co-assigned", Assert.Single(supervisorInbox.EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(1, (await RepAsync(owner)).GetProperty("recentAssignments").GetInt32());
    }

    [Fact]
    public async Task Inbox_OwnerMovesAnItemForwardOnly_AndOpenLeavesOutCompletedOnes()
    {
        await RosterAndRulesAsync();
        var id = await RoutedLeadAsync();
        var owner = (await LeadAsync(id)).GetProperty("ownerRepId").GetString()!;
        var rep = api.As(_tenant, owner, CrmRoles.Rep);
        var item = Assert.Single((await rep.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox")).EnumerateArray());
        Assert.Equal("new", item.GetProperty("status").GetString());
        var itemId = item.GetProperty("id").GetString();

        var read = await (await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId, status = "read" })).Content.ReadFromJsonAsync<JsonElement>();
        var done = await (await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId, status = "completed" })).Content.ReadFromJsonAsync<JsonElement>();
        var back = await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId, status = "acknowledged" });

        Assert.Equal(("read", owner), (read.GetProperty("status").GetString(), read.GetProperty("statusBy").GetString()));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        back.EnsureSuccessStatusCode();
        Assert.Equal("completed", (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(0, (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox?status=open")).GetArrayLength());
        Assert.Equal(1, (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox")).GetArrayLength());
    }

    [Fact]
    public async Task InboxStream_ALeadRoutedToTheWatchingRep_ArrivesAsAnEventWithoutPolling()
    {
        await RosterAndRulesAsync();
        var watcher = api.As(_tenant, "rep-a", CrmRoles.Rep);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await watcher.GetAsync("/api/v1/reps/rep-a/inbox/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: ready", await reader.ReadLineAsync(timeout.Token));

        // rep-b takes no leads now, so the routed lead must reach rep-a.
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-b", new { displayName = "B", supervisorId = "sup-wang", groups = new[] { "sales" }, active = false })).EnsureSuccessStatusCode();
        var id = await RoutedLeadAsync();

        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && line != "event: inbox")
        {
        }

        Assert.Equal("event: inbox", line);
        Assert.StartsWith("id: lead/" + id, await reader.ReadLineAsync(timeout.Token), StringComparison.Ordinal);
        var data = JsonDocument.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
        Assert.Equal(("lead-assigned", id, "new"), (data.GetProperty("kind").GetString(), data.GetProperty("leadId").GetString(), data.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task InboxStream_AnotherRepsInbox_Is403()
    {
        await RosterAndRulesAsync();

        await Problems.AssertProblemAsync(await api.As(_tenant, "rep-b", CrmRoles.Rep).GetAsync("/api/v1/reps/rep-a/inbox/stream"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await Manager.GetAsync("/api/v1/reps/nobody/inbox/stream"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InboxStatus_BadInputOtherRepsAndUnknownItems_AreRefusedAndChangeNothing()
    {
        await RosterAndRulesAsync();
        var id = await RoutedLeadAsync();
        var owner = (await LeadAsync(id)).GetProperty("ownerRepId").GetString()!;
        var other = owner == "rep-a" ? "rep-b" : "rep-a";
        var rep = api.As(_tenant, owner, CrmRoles.Rep);
        var itemId = (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox"))[0].GetProperty("id").GetString();

        await Problems.AssertFieldErrorsAsync(await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId, status = "new" }), "status");
        await Problems.AssertFieldErrorsAsync(await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { status = "read" }), "itemId");
        await Problems.AssertFieldErrorsAsync(await rep.GetAsync($"/api/v1/reps/{owner}/inbox?status=unread"), "status");
        var unknown = await Problems.AssertProblemAsync(await rep.PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId = "nope", status = "read" }), HttpStatusCode.NotFound);
        Assert.Equal("itemId", unknown.GetProperty("field").GetString());
        await Problems.AssertProblemAsync(
            await api.As(_tenant, other, CrmRoles.Rep).PostAsJsonAsync($"/api/v1/reps/{owner}/inbox/status", new { itemId, status = "completed" }), HttpStatusCode.Forbidden);

        Assert.Equal("new", (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{owner}/inbox"))[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Outcome_Won_ClosesTheLeadAndTheOwnersWinScoresForTheNextSimilarLead()
    {
        await RosterAndRulesAsync();
        var id = await RoutedLeadAsync(industry: "finance");
        var owner = (await LeadAsync(id)).GetProperty("ownerRepId").GetString()!;
        var other = owner == "rep-a" ? "rep-b" : "rep-a";

        var response = await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "won", reason = "signed the PO" });

        response.EnsureSuccessStatusCode();
        var closed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Won", closed.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.String, closed.GetProperty("closedAt").ValueKind);
        var rep = await RepAsync(owner);
        Assert.Equal(0, rep.GetProperty("openLeadIds").GetArrayLength());
        var win = Assert.Single(rep.GetProperty("wonDeals").EnumerateArray());
        Assert.Equal(("finance", "ultrasound", 1), (win.GetProperty("industry").GetString(), win.GetProperty("product").GetString(), win.GetProperty("count").GetInt32()));

        // Testing the rules on that real lead shows the win counting for the owner only.
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet(null))).EnsureSuccessStatusCode();
        var test = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leadIds = new[] { id } });
        test.EnsureSuccessStatusCode();
        var candidates = (await test.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions")[0].GetProperty("candidates").EnumerateArray().ToArray();
        Assert.True(PastWins(candidates, owner) > 0);
        Assert.Equal(0, PastWins(candidates, other));
    }

    private static double PastWins(JsonElement[] candidates, string rep) =>
        candidates.Single(c => c.GetProperty("repId").GetString() == rep).GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "pastWins").GetProperty("contribution").GetDouble();

    [Fact]
    public async Task Outcome_RepeatedAgreesAndContradictsConflicts_AndAClosedLeadIsNotRoutedAgain()
    {
        await RosterAndRulesAsync();
        var id = await RoutedLeadAsync();
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "lost", reason = "went with a competitor" })).EnsureSuccessStatusCode();
        var before = await LeadAsync(id);

        var again = await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "lost" });
        await Problems.AssertProblemAsync(await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "won" }), HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(await Manager.PostAsync($"/api/v1/leads/{id}/routing", null), HttpStatusCode.Conflict);

        again.EnsureSuccessStatusCode();
        var after = await LeadAsync(id);
        Assert.Equal("Lost", after.GetProperty("stage").GetString());
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Equal(before.GetProperty("ownerRepId").GetString(), after.GetProperty("ownerRepId").GetString());
        Assert.Equal(0, (await RepAsync(after.GetProperty("ownerRepId").GetString()!)).GetProperty("wonDeals").GetArrayLength());
    }

    [Fact]
    public async Task Outcome_BadInput_IsRefusedNamingTheFieldAndChangesNothing()
    {
        await RosterAndRulesAsync();
        var id = await RoutedLeadAsync();

        await Problems.AssertFieldErrorsAsync(await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "maybe" }), "result");
        await Problems.AssertFieldErrorsAsync(await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { reason = "no result" }), "result");
        await Problems.AssertProblemAsync(await Manager.PostAsJsonAsync("/api/v1/leads/L404-1/outcome", new { result = "won" }), HttpStatusCode.NotFound);
        var otherRep = api.As(_tenant, "rep-nobody", CrmRoles.Rep);
        await Problems.AssertProblemAsync(await otherRep.PostAsJsonAsync($"/api/v1/leads/{id}/outcome", new { result = "won" }), HttpStatusCode.Forbidden);

        Assert.Equal("Assigned", (await LeadAsync(id)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task RepProfile_DeclaredWins_AreKeptAndValidated()
    {
        var saved = await Manager.PutAsJsonAsync("/api/v1/reps/rep-z", new
        {
            displayName = "Zhao",
            wins = new object[] { new { industry = "banking", count = 3 }, new { industry = "Banking", count = 2 }, new { product = "core system", institutionLevel = "city bank", count = 1 } },
        });
        saved.EnsureSuccessStatusCode();
        var wins = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wins").EnumerateArray().ToArray();
        Assert.Equal(2, wins.Length);
        Assert.Equal(5, wins[0].GetProperty("count").GetInt32());

        await Problems.AssertFieldErrorsAsync(
            await Manager.PutAsJsonAsync("/api/v1/reps/rep-y", new { displayName = "Y", wins = new object[] { new { industry = "banking", count = 0 }, new { count = 2 } } }),
            "wins[0].count", "wins[1]");
        await Problems.AssertProblemAsync(await Manager.GetAsync("/api/v1/reps/rep-y"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TestDraft_UnknownOrMalformedLeadId_IsRefusedNamingTheEntry()
    {
        await RosterAndRulesAsync();
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", RuleSet(null))).EnsureSuccessStatusCode();

        var unknown = await Problems.AssertProblemAsync(await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leadIds = new[] { "L8613900000001-1", "L404-1" } }), HttpStatusCode.NotFound);
        await Problems.AssertFieldErrorsAsync(await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leadIds = new[] { "bad id!" } }), "leadIds[0]");

        Assert.Contains("leadIds", unknown.ToString(), StringComparison.Ordinal);
    }
}
