using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Integration.Tests.Processes;
using YamlDotNet.RepresentationModel;

namespace CrmActors.Integration.Tests.Monitoring;

/// <summary>
/// The Grafana dashboard and the alert rules in ops/ query only what the processes export: a silo and a web API run
/// a lead through capture, routing and a fired deadline, and every metric (with every label value asked for by
/// <c>=</c>) of every query is found in their /metrics scrapes.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class MonitoringProcessTests
{
    private const string Tenant = "acme";

    // Added by Prometheus to every series of a target (job, instance) or made up by it (up); never in a scrape.
    private static readonly HashSet<string> TargetLabels = ["job", "instance"];
    private static readonly HashSet<string> PrometheusOwnMetrics = ["up"];

    [Fact]
    public async Task DashboardAndAlerts_AfterCaptureRoutingAndADeadline_QueryOnlyExportedSeries()
    {
        var queries = DashboardQueries().Concat(AlertQueries()).ToList();
        var selectors = queries.SelectMany(q => PromQlSelector.Parse(q.Expression).Select(s => (q.Where, Selector: s)))
            .Where(s => !PrometheusOwnMetrics.Contains(s.Selector.Metric))
            .ToList();
        var settings = new Dictionary<string, string> { ["Orleans__GrainStorage__crm__WakeUpSweepEvery"] = "00:00:01" };
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync(settings: settings);
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/sup-wang", new { displayName = "Wang" });
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li", supervisorId = "sup-wang", groups = new[] { "sales" } });
        await Api.PutAsync(admin, "api/v1/reps/rep-wu", new { displayName = "Wu", supervisorId = "sup-wang" });
        await Api.PutAsync(admin, "api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } });
        await Api.PostAsync(admin, "api/v1/routing/rules/publish", new { });

        // Routed at capture, then handed to another rep with a first touch due in 2 s, which fires.
        var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = "Ms. Huang", phone = "13912345678", channel = "douyin_dm" })).GetProperty("id").GetString();
        await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-wu", firstTouchWithinSeconds = 2 });
        await Api.UntilAsync(() => Api.GetAsync(admin, $"api/v1/leads/{id}"), l => l.GetProperty("overdueAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(90), "the first-touch deadline to fire");

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<string> missing;
        do
        {
            var series = ScrapedSeries.Parse(await http.GetStringAsync(new Uri(silo.Process.HttpBase, "metrics")))
                .Concat(ScrapedSeries.Parse(await http.GetStringAsync(new Uri(api.HttpBase, "metrics"))))
                .ToList();
            missing = [.. selectors.Where(s => !series.Any(x => x.Matches(s.Selector, TargetLabels)))
                .Select(s => $"{s.Where}: {s.Selector.Metric} {JsonSerializer.Serialize(s.Selector.Labels)}").Distinct()];

            // The unassigned-leads gauges are published every 10 s by the tenant's stats grain; the rest is there at once.
            if (missing.Count > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        while (missing.Count > 0 && DateTime.UtcNow < deadline);

        Assert.True(missing.Count == 0, "Queried but not exported:\n" + string.Join('\n', missing));
        Assert.Contains(selectors, s => s.Selector.Metric == "crm_leads_unassigned_oldest_wait_seconds");
        Assert.Contains(selectors, s => s.Selector.Metric == "crm_storage_commit_rows_bucket");
        Assert.Contains(selectors, s => s.Selector.Metric == "crm_deadline_lateness_seconds_bucket" && s.Selector.Labels.GetValueOrDefault("le") == "60");
        Assert.Contains(selectors, s => s.Selector.Metric == "orleans_consistent_ring_size");
        Assert.Contains(selectors, s => s.Selector.Metric == "http_server_request_duration_seconds_bucket" && s.Selector.Labels.GetValueOrDefault("http_route") == "/api/v1/leads/");
    }

    private static List<(string Where, string Expression)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "ops", "grafana", "crmactors.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => ($"panel '{p.GetProperty("title").GetString()}'", t.GetProperty("expr").GetString()!)))
            .ToList();
        Assert.True(queries.Count >= 20, $"the dashboard has {queries.Count} queries");
        return queries;
    }

    private static List<(string Where, string Expression)> AlertQueries()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, "ops", "prometheus", "alerts.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var rules = ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Select(r => ($"alert {r["alert"]}", ((YamlScalarNode)r["expr"]).Value!))
            .ToList();
        Assert.Equal(
            ["CrmIntakeLatencyHigh", "CrmLeadsOwedRouting", "CrmDeadlinesLate", "CrmWakeUpsFailing", "CrmCommitsFailing", "CrmSiloDown", "CrmClusterShrank"],
            rules.Select(r => r.Item1["alert ".Length..]));
        return rules;
    }
}
