using CrmActors.GrainInterfaces.Security;
using CrmActors.Integration.Tests.Processes;
using Xunit.Abstractions;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// Scale-out under load: two silos and two web APIs on one MariaDB; a third silo joins, one leaves with SIGTERM (its
/// grains handed over), then one web API leaves with SIGTERM (its requests in flight drained). Nothing acknowledged
/// is lost or doubled, no answer is a 5xx other than 503, and both kinds of process serve Prometheus metrics.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Fault")]
public sealed class ScaleOutFaultTests(ITestOutputHelper output)
{
    private const string Tenant = "acme";
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task SilosJoinAndLeave_AndAWebApiLeaves_UnderLoad_WithoutLosingOrFailingRequests()
    {
        var report = new FaultReport("scale-out", output);
        await using var deployment = await Deployment.CreateAsync();
        var first = await deployment.StartSiloAsync();
        await deployment.StartSiloAsync();
        var apiA = await deployment.StartApiAsync();
        var apiB = await deployment.StartApiAsync();
        using var adminA = deployment.Client(apiA, Tenant, "admin-1", CrmRoles.Admin);
        using var adminB = deployment.Client(apiB, Tenant, "admin-1", CrmRoles.Admin);
        await IntakeLoad.RouteToRoomyTeamAsync(adminA);

        var load = new IntakeLoad([adminA, adminB], "scale");
        var run = load.RunAsync(workers: 8, Load, grace: TimeSpan.FromSeconds(60));
        var events = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan At, string What)>();

        // On a fixed timeline under the load: a silo joins at 3 s, the first silo leaves at 15 s, web API B at 27 s.
        async Task AtAsync(double seconds, Func<Task<string>> step)
        {
            var wait = TimeSpan.FromSeconds(seconds) - load.Elapsed;
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            var started = load.Elapsed;
            var what = await step();
            events.Enqueue((started, $"{started.TotalSeconds:0.0}s {what} (took {(load.Elapsed - started).TotalSeconds:0.0} s)"));
        }

        await Task.WhenAll(
            AtAsync(3, async () =>
            {
                await deployment.StartSiloAsync();
                return "a third silo started and joined";
            }),
            AtAsync(15, async () =>
            {
                await first.Process.StopAsync();
                return $"the first silo stopped with SIGTERM, exit code {first.Process.ExitCode}";
            }),
            AtAsync(27, async () =>
            {
                await apiB.StopAsync();
                return $"web API B stopped with SIGTERM, exit code {apiB.ExitCode}";
            }));
        await run;

        var acknowledged = load.AcknowledgedByKey.Values.ToList();
        var missing = await load.MissingAsync(adminA);
        var (leadRows, customerRows) = await load.StoredRowsAsync(deployment);
        var activeSilos = await deployment.CountAsync("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3");
        var distinctIds = load.DistinctLeadIds;
        using var scrape = new HttpClient();
        var apiMetrics = await scrape.GetStringAsync(new Uri(apiA.HttpBase, "metrics"));
        // Every running silo's metrics (the routing histogram is where the tenant's router lives, one silo of them).
        var siloMetrics = string.Concat(await Task.WhenAll(deployment.Silos.Where(s => !s.Process.HasExited).Select(s => scrape.GetStringAsync(new Uri(s.Process.HttpBase, "metrics")))));

        report.Line($"2 silos + 2 web APIs, 8 closed-loop clients spread over both APIs for {Load.TotalSeconds:0} s; a failed attempt is retried on the other API");
        foreach (var e in events.OrderBy(e => e.At))
        {
            report.Line($"{e.What}");
        }

        report.Statuses(load.Statuses);
        report.Line($"submitted {load.Submitted}, acknowledged {acknowledged.Count}, not acknowledged {load.Unacknowledged}, retries {load.Retries}");
        report.Line($"found through the API: {acknowledged.Count - missing.Count} of {acknowledged.Count}; rows: leads {leadRows}, customers {customerRows}; duplicates {leadRows - distinctIds + customerRows - distinctIds}; active silos at the end {activeSilos}; leads left unassigned {load.Unassigned}");
        report.Line($"read back in {load.ReadBackTime.TotalSeconds:0.0} s, {IntakeLoad.Readers} at a time");
        report.Line($"server errors other than 503: {load.ServerErrorsOtherThan503}; metrics scraped: web API {apiMetrics.Length} bytes, silo {siloMetrics.Length} bytes");
        await report.SaveAsync();

        Assert.All(events, e => Assert.True(e.At < Load, $"'{e.What}' happened after the load ended"));
        Assert.Equal(0, first.Process.ExitCode);
        Assert.Equal(0, apiB.ExitCode);
        Assert.Equal(2, activeSilos);
        Assert.Equal(0, load.Unacknowledged);
        Assert.Empty(missing);
        Assert.Equal(acknowledged.Count, distinctIds);
        Assert.Equal(0, load.Unassigned);
        Assert.Equal(distinctIds, leadRows);
        Assert.Equal(distinctIds, customerRows);
        Assert.Equal(0, load.ServerErrorsOtherThan503);
        Assert.DoesNotContain(load.Statuses.Keys, k => k is "transport:timeout" or "transport:other");
        Assert.Contains("http_server_request_duration_seconds", apiMetrics, StringComparison.Ordinal);
        Assert.Contains("crm_routing_decision_duration_seconds", siloMetrics, StringComparison.Ordinal);
        Assert.Contains("orleans_", siloMetrics, StringComparison.Ordinal);
    }
}
