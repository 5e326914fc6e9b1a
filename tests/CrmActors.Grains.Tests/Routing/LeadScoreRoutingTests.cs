using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using RoutingJson = CrmActors.Routing.RoutingJson;
using RoutingLead = CrmActors.Routing.RoutingLead;

namespace CrmActors.Grains.Tests.Routing;

/// <summary>
/// A tenant that weighs the lead score: the lead's stored score reaches the router when the lead routes again, a lead
/// captured without history is scored on its profile by the silo's model (the shared cluster serves the shipped one),
/// and the decision and its explanation show the score and the component; a tenant that does not weigh it sees neither.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeadScoreRoutingTests(ClusterFixture fixture)
{
    private const string Weighing = """{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}},"weights":{"leadScore":4}}""";

    private const string NotWeighing = """{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}}}""";

    private readonly TestData _data = new(fixture.Grains);

    private static RepExpertise Won(int count) => new([], [], [], [], [], null, null, [new RepWin("finance", "erp", null, count)]);

    /// <summary>Three reps alike but for their records: 20 wins (closing strength 0.8), 5 (0.5) and none.</summary>
    private async Task TeamAsync(string ruleSetJson)
    {
        await _data.Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await _data.Rep("rep-closer").SaveProfileAsync(new RepProfile("Closer", null, "sup-wang", 10, true, ["sales"], Won(20)));
        await _data.Rep("rep-ace").SaveProfileAsync(new RepProfile("Ace", null, "sup-wang", 10, true, ["sales"], Won(5)));
        await _data.Rep("rep-new").SaveProfileAsync(new RepProfile("New", null, "sup-wang", 10, true, ["sales"]));
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        Assert.Empty((await rules.SaveDraftAsync(ruleSetJson, "admin-1")).Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
    }

    private static NewLead Captured(string phone) =>
        new("Dr. Liu", phone, "website_form", "implants", null, null, "Ruijin", "mkt-1", null, new LeadQualification("school", null, null, null, 30_000m, 3));

    private static JsonElement Component(JsonElement decision, string repId, string name) =>
        decision.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("repId").GetString() == repId)
            .GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static IEnumerable<string> Notes(JsonElement decision) => decision.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!);

    [Fact]
    public async Task Reroute_TheLeadsStoredScore_IsWhatTheDecisionWeighsAndExplains()
    {
        await TeamAsync(Weighing);
        var lead = _data.Lead("lead-1");
        await lead.CreateAsync(Captured("13800138000"));

        // No history yet: the router scores the profile, and the best closer gets the lead.
        var first = await lead.RouteAsync("intake");
        Assert.Equal("rep-closer", first.OwnerRepId);
        var logged = await lead.LogActivityAsync(new NewActivity("call", new Dictionary<string, string?> { ["outcome"] = "asked about the price" }, null, ["price-sensitive"], null, null, null, null, "rep-closer"));
        var stored = logged.Lead!.Score!.WinProbability;

        var moved = await lead.RouteAsync("sup-wang");

        Assert.Equal("rep-ace", moved.OwnerRepId);
        using var decision = JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson((await lead.GetRoutingHistoryAsync())[^1].DecisionJson));
        var root = decision.RootElement;
        Assert.Equal(stored, root.GetProperty("leadScore").GetDouble());
        var ace = Component(root, "rep-ace", "leadScore");
        Assert.Equal(4, ace.GetProperty("weight").GetDouble());
        // Shown to the thousandth the stored decision keeps.
        Assert.Equal(Math.Round(stored * 0.5, 3), ace.GetProperty("raw").GetDouble(), 12);
        Assert.Equal(4 * Math.Round(stored * 0.5, 3), ace.GetProperty("contribution").GetDouble(), 12);
        Assert.Equal(0, Component(root, "rep-new", "leadScore").GetProperty("raw").GetDouble());
        Assert.Contains(Notes(root), n => n.StartsWith("The lead's score ", StringComparison.Ordinal) && n.Contains("(leadScore)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Capture_TenantWeighsTheScore_TheProfileScoreIsInTheDecision()
    {
        await TeamAsync(Weighing);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(_data.Key(IntakeIds.CustomerForPhone("+8613800138011")));

        var captured = (await customer.CaptureLeadAsync(new LeadSubmission(Captured("+8613800138011"), null))).Lead;

        // Decided at capture, or (had the decision not come in time) by the lead right after: scored on its profile either way.
        Assert.Equal("rep-closer", (await _data.Lead(captured.Id).GetAsync())!.OwnerRepId);
        using var decision = JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson(Assert.Single(await _data.Lead(captured.Id).GetRoutingHistoryAsync()).DecisionJson));
        var score = decision.RootElement.GetProperty("leadScore").GetDouble();
        Assert.InRange(score, 0.0001, 0.9999);
        Assert.Equal(Math.Round(score * 0.8, 3), Component(decision.RootElement, "rep-closer", "leadScore").GetProperty("raw").GetDouble(), 12);
    }

    [Fact]
    public async Task Capture_TenantDoesNotWeighTheScore_TheDecisionHasNeitherScoreNorComponent()
    {
        await TeamAsync(NotWeighing);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(_data.Key(IntakeIds.CustomerForPhone("+8613800138012")));

        var captured = (await customer.CaptureLeadAsync(new LeadSubmission(Captured("+8613800138012"), null))).Lead;

        using var decision = JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson(Assert.Single(await _data.Lead(captured.Id).GetRoutingHistoryAsync()).DecisionJson));
        Assert.False(decision.RootElement.TryGetProperty("leadScore", out _));
        Assert.All(
            decision.RootElement.GetProperty("candidates").EnumerateArray(),
            c => Assert.Equal(CrmActors.Routing.ScoreComponents.All, c.GetProperty("components").EnumerateArray().Select(x => x.GetProperty("name").GetString())));
    }

    [Fact]
    public async Task Route_AScoreOutsideZeroToOne_IsInvalidNamingTheField()
    {
        await TeamAsync(Weighing);
        var lead = new RoutingLead { Id = "lead-9", Channel = "website_form", Score = 1.2, CreatedAt = ClusterFixture.Clock.GetUtcNow() };
        var router = fixture.Grains.GetGrain<IRouterGrain>(_data.Key(IRouterGrain.Id));

        var refused = await Assert.ThrowsAsync<CrmException>(() => router.RouteAsync(new RouteRequest("lead-9", JsonSerializer.Serialize(lead, RoutingJson.Options), [])));

        Assert.Equal((CrmErrorCode.Validation, "score"), (refused.Code, refused.Field));
    }
}
