using System.Text.Json;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;

namespace CrmActors.Grains.Tests.Routing;

/// <summary>
/// Reps' record-keeping reaches routing: an activity the owner logs counts toward their data quality on the rep actor,
/// the router scores it from the rep's profile in memory, and a rep with clean records wins a tie when the tenant weighs
/// it and not when it does not (the tie then goes by id, to the sloppy rep).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DataQualityRoutingTests(ClusterFixture fixture)
{
    private const string Weighing = """{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}},"weights":{"dataQuality":2}}""";

    private const string NotWeighing = """{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"}}}""";

    private readonly TestData _data = new(fixture.Grains);

    /// <summary>Two reps alike but for their records: rep-a (first by id) logs late, without summary, next step or evidence; rep-b cleanly.</summary>
    private async Task TeamWithRecordsAsync(string ruleSetJson)
    {
        await _data.Rep("sup-wang").SaveProfileAsync(new RepProfile("Wang", null, null, 10, true));
        await _data.Rep("rep-a").SaveProfileAsync(new RepProfile("A", null, "sup-wang", 10, true, ["sales"]));
        await _data.Rep("rep-b").SaveProfileAsync(new RepProfile("B", null, "sup-wang", 10, true, ["sales"]));
        var now = ClusterFixture.Clock.GetUtcNow();
        await LogAsync("lead-a", "13800138001", "rep-a", new NewActivity("call", Outcome, null, null, null, now.AddHours(-30), null, null, "rep-a"));
        await LogAsync("lead-b", "13800138002", "rep-b", new NewActivity("call", Outcome, [new EvidenceRef("recording", "rec-0001")], null, "Budget confirmed, demo next week", now.AddMinutes(-5), now.AddDays(2), null, "rep-b"));
        await Eventually.MatchAsync(() => _data.Rep("rep-a").GetAsync(), r => r?.DataQuality is not null, "rep-a's data quality");
        await Eventually.MatchAsync(() => _data.Rep("rep-b").GetAsync(), r => r?.DataQuality is not null, "rep-b's data quality");
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        Assert.Empty((await rules.SaveDraftAsync(ruleSetJson, "admin-1")).Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
    }

    private static Dictionary<string, string?> Outcome => new() { ["outcome"] = "talked" };

    private async Task LogAsync(string leadId, string phone, string repId, NewActivity activity)
    {
        var lead = _data.Lead(leadId);
        await lead.CreateAsync(new NewLead("Dr. Liu", phone, "website_form", "implants", null, null, "Ruijin", "mkt-1"));
        await lead.AssignAsync(new AssignLead(repId, TimeSpan.FromHours(48), "sup-wang"));
        var logged = await lead.LogActivityAsync(activity);
        Assert.Empty(logged.Errors);
    }

    [Fact]
    public async Task Route_Weighed_TheRepWithCleanRecordsWinsTheTie()
    {
        await TeamWithRecordsAsync(Weighing);
        Assert.Equal((0.0, 1.0), ((await _data.Rep("rep-a").GetAsync())!.DataQuality, (await _data.Rep("rep-b").GetAsync())!.DataQuality));
        var lead = _data.Lead("lead-new");
        await lead.CreateAsync(new NewLead("Ms. Zhou", "13800138009", "website_form", "implants", null, null, "Ruijin", "mkt-1"));

        var routed = await lead.RouteAsync("intake");

        Assert.Equal("rep-b", routed.OwnerRepId);
        using var decision = JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson((await lead.GetRoutingHistoryAsync())[^1].DecisionJson));
        var components = decision.RootElement.GetProperty("candidates").EnumerateArray()
            .ToDictionary(c => c.GetProperty("repId").GetString()!, c => c.GetProperty("components").EnumerateArray().Last());
        Assert.Equal(("dataQuality", 1.0, 2.0), (components["rep-b"].GetProperty("name").GetString(), components["rep-b"].GetProperty("raw").GetDouble(), components["rep-b"].GetProperty("contribution").GetDouble()));
        Assert.Equal(0.0, components["rep-a"].GetProperty("raw").GetDouble());
    }

    [Fact]
    public async Task Route_NotWeighed_TheTieGoesByIdAndNoComponentIsListed()
    {
        await TeamWithRecordsAsync(NotWeighing);
        var lead = _data.Lead("lead-new");
        await lead.CreateAsync(new NewLead("Ms. Zhou", "13800138009", "website_form", "implants", null, null, "Ruijin", "mkt-1"));

        var routed = await lead.RouteAsync("intake");

        Assert.Equal("rep-a", routed.OwnerRepId);
        using var decision = JsonDocument.Parse(CrmActors.Routing.StoredExplanation.ExpandJson((await lead.GetRoutingHistoryAsync())[^1].DecisionJson));
        Assert.All(
            decision.RootElement.GetProperty("candidates").EnumerateArray(),
            c => Assert.Equal(CrmActors.Routing.ScoreComponents.All, c.GetProperty("components").EnumerateArray().Select(x => x.GetProperty("name").GetString())));
    }
}
