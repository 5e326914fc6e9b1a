using System.Diagnostics;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Leads;
using CrmActors.Grains.Stats;
using CrmActors.Silo.Storage;

namespace CrmActors.Bench.Stats;

/// <summary>The statistics' cost per lead, by part, against a real MariaDB.</summary>
public static class StatsFeedBench
{
    public static async Task<int> RunAsync(string connection, int leads, TextWriter output)
    {
        var now = DateTimeOffset.UtcNow;
        var states = Enumerable.Range(0, leads).Select(i =>
        {
            var s = new LeadState();
            s.StartFrom(new CapturedLead($"L{i:D8}-1", new NewLead($"Lead {i}", $"1390000{i:D4}", "website_form", "implants", null, null, "Acme", "bench"), now));
            s.OwnerRepId = $"rep-{i % 50}";
            s.AssignedAt = now;
            return s;
        }).ToList();

        // 1. What a lead does on its own path: build its figures and hand them to the feed (twice per routed lead).
        var figures = new LeadFigures[leads];
        for (var warm = 0; warm < 2; warm++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < leads; i++)
            {
                figures[i] = LeadFiguresOf.From(states[i], $"L{i:D8}-1", now);
            }

            if (warm == 1)
            {
                await output.WriteLineAsync($"build figures: {clock.Elapsed.TotalMicroseconds / leads:0.00} us per lead ({leads:N0} leads)");
            }
        }

        // 2. The flush's share: batches of 500 (one second of peak intake on this machine) upserted into MariaDB,
        //    the way the stats grain stores them; client-side wall time per lead (MariaDB's CPU is below it).
        var store = new MySqlLeadFigureStore(connection);
        await store.UpsertAsync("warmup", figures[..500]);
        var flush = Stopwatch.StartNew();
        for (var at = 0; at < leads; at += 500)
        {
            await store.UpsertAsync("bench", figures[at..Math.Min(leads, at + 500)]);
        }

        await output.WriteLineAsync($"store figures (500 per upsert): {flush.Elapsed.TotalMicroseconds / leads:0.0} us per lead, wall time");

        // 3. Reading a tenant back on activation, and computing the dashboard from its figures.
        var load = Stopwatch.StartNew();
        var loaded = await store.LoadAsync("bench");
        await output.WriteLineAsync($"reload {loaded.Count:N0} figures: {load.Elapsed.TotalMilliseconds:0} ms");
        var compute = Stopwatch.StartNew();
        var view = DashboardMetrics.Compute("tenant", loaded, new Dictionary<string, string?>(), now, 1);
        await output.WriteLineAsync($"compute the dashboard over {loaded.Count:N0} leads: {compute.Elapsed.TotalMilliseconds:0.0} ms ({view.Metrics.Count} metrics)");
        return 0;
    }
}
