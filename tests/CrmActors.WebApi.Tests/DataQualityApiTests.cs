using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Good records earn good leads, through the HTTP API: activities reps log on their own leads give them a data quality
/// (shown on the rep), and a draft weighing it sends a tie to the rep with clean records; without the weight the tie goes
/// by id and nothing lists the component; a negative weight is a 400 naming it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DataQualityApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private static object Draft(double? dataQuality) => dataQuality is { } weight
        ? new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } }, weights = new { dataQuality = weight } }
        : new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } };

    /// <summary>rep-a (first by id) logs a call days late with nothing attached; rep-b logs one at once, with summary, next step and recording.</summary>
    private async Task RepsWithRecordsAsync()
    {
        foreach (var (rep, phone) in new[] { ("rep-a", "13900000031"), ("rep-b", "13900000032") })
        {
            (await Manager.PutAsJsonAsync($"/api/v1/reps/{rep}", new { displayName = rep, capacity = 10, groups = new[] { "sales" } })).EnsureSuccessStatusCode();
            var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Lead of " + rep, phone, channel = "website_form" });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/assignment", new { repId = rep })).EnsureSuccessStatusCode();
            var now = DateTimeOffset.UtcNow;
            object activity = rep == "rep-a"
                ? new { type = "call", fields = new { outcome = "talked" }, at = now.AddDays(-3) }
                : new { type = "call", fields = new { outcome = "talked" }, at = now.AddMinutes(-5), summary = "Budget confirmed, demo next week", nextFollowUpAt = now.AddDays(2), evidence = new[] { new { kind = "recording", @ref = "rec-0001" } } };
            (await api.As(_tenant, rep, CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{id}/activities", activity)).EnsureSuccessStatusCode();
        }

        Assert.Equal(0.0, await QualityAsync("rep-a"));
        Assert.Equal(1.0, await QualityAsync("rep-b"));
    }

    /// <summary>The rep's data quality once their activity has reached them (the lead tells its owner one-way).</summary>
    private async Task<double> QualityAsync(string rep)
    {
        for (var i = 0; i < 100; i++)
        {
            var read = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/reps/{rep}");
            if (read.GetProperty("dataQuality").ValueKind == JsonValueKind.Number)
            {
                return read.GetProperty("dataQuality").GetDouble();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{rep}'s data quality did not arrive within 5 s.");
    }

    private async Task<JsonElement> TestDraftAsync(double? weight)
    {
        (await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", Draft(weight))).EnsureSuccessStatusCode();
        var response = await Manager.PostAsJsonAsync("/api/v1/routing/rules/draft/test", new { leads = new object[] { new { id = "tie", channel = "website_form" } } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions")[0];
    }

    [Fact]
    public async Task TestDraft_Weighed_TheRepWithCleanRecordsWinsTheTie_NotWeighed_TheTieGoesById()
    {
        await RepsWithRecordsAsync();

        var weighed = await TestDraftAsync(2);
        var plain = await TestDraftAsync(null);

        Assert.Equal("rep-b", weighed.GetProperty("chosenRepId").GetString());
        var component = weighed.GetProperty("candidates")[0].GetProperty("components").EnumerateArray().Last();
        Assert.Equal(("dataQuality", 1.0, 2.0), (component.GetProperty("name").GetString(), component.GetProperty("raw").GetDouble(), component.GetProperty("contribution").GetDouble()));
        Assert.Contains(weighed.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("(dataQuality)", StringComparison.Ordinal));
        Assert.Equal("rep-a", plain.GetProperty("chosenRepId").GetString());
        Assert.DoesNotContain(
            plain.GetProperty("candidates").EnumerateArray().SelectMany(c => c.GetProperty("components").EnumerateArray()),
            c => c.GetProperty("name").GetString() == "dataQuality");
    }

    [Fact]
    public async Task SaveDraft_NegativeDataQualityWeight_Is400NamingTheWeight()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "rep-a", capacity = 10, groups = new[] { "sales" } })).EnsureSuccessStatusCode();

        var response = await Admin.PutAsJsonAsync("/api/v1/routing/rules/draft", Draft(-1));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("weights.dataQuality", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
    }
}
