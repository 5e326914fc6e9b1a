using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Grains.Stats;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.WebApi.Tests;

/// <summary>The live statistics through the HTTP API: scopes by role, drill-down, trusted leads, CSV, the stream and the dashboard page.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private Task<int> FlushAsync() =>
        Assert.IsType<InProcessSiloHandle>(api.Cluster.Primary).SiloHost.Services.GetRequiredService<StatsFeed>().FlushAsync();

    private async Task<string> LeadAsync(string phone, string? rep, string company = "Ruijin")
    {
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Lead " + phone, phone, channel = "website_form", company, productInterest = "implants" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        if (rep is not null)
        {
            (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/assignment", new { repId = rep })).EnsureSuccessStatusCode();
        }

        return id;
    }

    private async Task TeamAsync()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/sup-wang", new { displayName = "Wang" })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-wang" })).EnsureSuccessStatusCode();
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-b", new { displayName = "B" })).EnsureSuccessStatusCode();
    }

    private static JsonElement Metric(JsonElement view, string id) => view.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    [Fact]
    public async Task Stats_ManagerSeesTheTenant_SupervisorTheirTeam_RepTheirOwn_ServiceNothing()
    {
        await TeamAsync();
        await LeadAsync("13900000001", "rep-a");
        await LeadAsync("13900000002", "rep-b");
        await LeadAsync("13900000003", null);
        await FlushAsync();

        var tenant = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats");
        var team = await api.As(_tenant, "sup-wang", CrmRoles.Supervisor).GetFromJsonAsync<JsonElement>("/api/v1/stats");
        var rep = await api.As(_tenant, "rep-b", CrmRoles.Rep).GetFromJsonAsync<JsonElement>("/api/v1/stats");

        Assert.Equal(3, Metric(tenant, "leads-in-per-minute").GetProperty("count").GetInt32());
        Assert.Equal(1, Metric(tenant, "unassigned").GetProperty("value").GetDouble());
        Assert.Equal(95, Metric(tenant, "key-fields-complete").GetProperty("healthy").GetDouble());
        Assert.Equal("healthy", Metric(tenant, "key-fields-complete").GetProperty("state").GetString());
        Assert.Equal("team sup-wang", team.GetProperty("scope").GetString());
        Assert.Equal(1, Metric(team, "leads-in-per-minute").GetProperty("count").GetInt32());
        Assert.Equal("rep rep-b", rep.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(_tenant, "rep-b", CrmRoles.Rep).GetAsync("/api/v1/stats?rep=rep-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(_tenant, "sup-wang", CrmRoles.Supervisor).GetAsync("/api/v1/stats?team=sup-other")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(_tenant, "svc-1", CrmRoles.Service).GetAsync("/api/v1/stats")).StatusCode);
        Assert.Equal(0, Metric(await api.As("other" + _tenant, "mgr-1", CrmRoles.Manager).GetFromJsonAsync<JsonElement>("/api/v1/stats"), "leads-in-per-minute").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Leads_BehindAMetric_ArePaged_BadPagingIs400_UnknownMetricIs404_CsvHasEveryRow()
    {
        for (var i = 0; i < 5; i++)
        {
            await LeadAsync($"1390000100{i}", null);
        }

        await FlushAsync();

        var page = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats/metrics/unassigned/leads?page=2&pageSize=2");
        Assert.Equal((5, 2, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("leads").GetArrayLength()));

        var bad = await Manager.GetAsync("/api/v1/stats/metrics/unassigned/leads?page=0&pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.GetAsync("/api/v1/stats/metrics/no-such/leads")).StatusCode);

        var csv = await Manager.GetAsync("/api/v1/stats/metrics/unassigned/leads?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("LeadId,Name,OwnerRepId,Stage,CreatedAt,Met,Detail", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_TextThatASpreadsheetWouldRunIsEscaped()
    {
        await LeadAsync("13900002001", null, company: "Acme");
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "=HYPERLINK(\"http://x\")", phone = "13900002002", channel = "website_form" });
        created.EnsureSuccessStatusCode();
        await FlushAsync();

        var csv = await (await Manager.GetAsync("/api/v1/stats/metrics/unassigned/leads?format=csv")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_SendsTheViewAndAgainAfterAChange()
    {
        using var client = api.As(_tenant, "mgr-1", CrmRoles.Manager);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync("/api/v1/stats/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);

        var first = await NextViewAsync(reader, cts.Token);
        await LeadAsync("13900003001", null);
        await FlushAsync();
        var second = await NextViewAsync(reader, cts.Token);

        Assert.Equal(0, Metric(first, "leads-in-per-minute").GetProperty("count").GetInt32());
        Assert.Equal(1, Metric(second, "leads-in-per-minute").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Thresholds_SetInTheTenantsPolicy_AreTheOnesTheStatsShow_BadOnesAre400()
    {
        await LeadAsync("13900004001", null);
        await FlushAsync();
        var saved = await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { dashboard = new { thresholds = new Dictionary<string, object> { ["key-fields-complete"] = new { healthy = 99, alarm = 98 } } } });
        saved.EnsureSuccessStatusCode();

        var key = Metric(await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats"), "key-fields-complete");
        var bad = await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { dashboard = new { thresholds = new Dictionary<string, object> { ["evidence-rate"] = new { healthy = 150 } } } });

        Assert.Equal((99.0, 98.0), (key.GetProperty("healthy").GetDouble(), key.GetProperty("alarm").GetDouble()));
        await Problems.AssertFieldErrorsAsync(bad, "dashboard.thresholds.evidence-rate.healthy");
    }

    [Fact]
    public async Task Dashboard_PageAndChartLibrary_AreServedWithoutAToken()
    {
        var client = api.Anonymous();

        var page = await client.GetStringAsync("/dashboard/index.html");
        var chart = await client.GetAsync("/dashboard/vendor/chart.umd.min.js");

        Assert.Contains("<canvas id=\"perMinuteChart\">", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.True((await chart.Content.ReadAsByteArrayAsync()).Length > 100_000);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/stats")).StatusCode);
    }

    private static async Task<JsonElement> NextViewAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line[6..]).RootElement;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
