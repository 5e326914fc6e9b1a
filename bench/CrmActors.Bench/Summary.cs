using System.Globalization;

namespace CrmActors.Bench;

/// <summary>
/// Reads the JSON results bench/run.sh collected in one folder (baseline-N.json, http-N.json,
/// openloop.json, import.json) and prints the comparison table.
/// </summary>
public static class Summary
{
    public static async Task<double> BestRateAsync(string dir)
    {
        var best = 0.0;
        foreach (var (_, http) in await LoadAsync<HttpResult>(dir, "http-"))
        {
            if (http.TargetRate is null)
            {
                best = Math.Max(best, http.AcceptedPerSecond);
            }
        }

        return best;
    }

    public static async Task PrintAsync(string dir, TextWriter writer)
    {
        var baselines = (await LoadAsync<BaselineResult>(dir, "baseline-")).ToDictionary(p => p.Level, p => p.Result);
        var https = (await LoadAsync<HttpResult>(dir, "http-")).ToDictionary(p => p.Level, p => p.Result);
        var levels = baselines.Keys.Union(https.Keys).Order().ToList();

        writer.WriteLine();
        writer.WriteLine("Summary: durable lead intake through the API vs single-row INSERTs into the same MariaDB (latencies in ms)");
        List<string[]> rows = [["concurrency", "baseline ins/s", "p50", "p95", "p99", "API leads/s", "p50", "p95", "p99", "API/baseline", "API not 2xx"]];
        foreach (var level in levels)
        {
            baselines.TryGetValue(level, out var b);
            https.TryGetValue(level, out var h);
            var ratio = b is { InsertsPerSecond: > 0 } && h is not null ? Output.F(h.AcceptedPerSecond / b.InsertsPerSecond, 2) : "-";
            rows.Add(
            [
                level.ToString(CultureInfo.InvariantCulture),
                b is null ? "-" : Output.F(b.InsertsPerSecond, 0),
                b is null ? "-" : Output.F(b.Latency.P50Ms, 2),
                b is null ? "-" : Output.F(b.Latency.P95Ms, 2),
                b is null ? "-" : Output.F(b.Latency.P99Ms, 2),
                h is null ? "-" : Output.F(h.AcceptedPerSecond, 0),
                h is null ? "-" : Output.F(h.Latency.P50Ms, 2),
                h is null ? "-" : Output.F(h.Latency.P95Ms, 2),
                h is null ? "-" : Output.F(h.Latency.P99Ms, 2),
                ratio,
                h is null ? "-" : Output.N(h.Completed - h.Accepted),
            ]);
        }

        Output.Table(writer, rows);

        // The hand-written CRUD service (bench/CrmActors.Bench.Crud) under the same load, at the last level.
        foreach (var pick in new[] { "least-loaded", "phone-hash" })
        {
            foreach (var (level, c) in await LoadAsync<HttpResult>(dir, $"crud-{pick}-"))
            {
                var ratio = baselines.TryGetValue(level, out var b) && b.InsertsPerSecond > 0 ? Output.F(c.AcceptedPerSecond / b.InsertsPerSecond, 2) : "-";
                var vsCrud = https.TryGetValue(level, out var h) && c.AcceptedPerSecond > 0 ? Output.F(h.AcceptedPerSecond / c.AcceptedPerSecond, 1) : "-";
                writer.WriteLine($"CRUD service ({pick}), {level} workers: {Output.F(c.AcceptedPerSecond, 0)} leads/s, p50 {Output.F(c.Latency.P50Ms, 2)} / p99 {Output.F(c.Latency.P99Ms, 2)} ms, "
                    + $"{ratio}x the baseline; CrmActors did {vsCrud}x its rate; not 2xx {Output.N(c.Completed - c.Accepted)}");
            }
        }

        var openLoop = Path.Combine(dir, "openloop.json");
        if (File.Exists(openLoop) && await Output.ReadJsonAsync<HttpResult>(openLoop) is { } o)
        {
            writer.WriteLine();
            writer.WriteLine($"Open loop at {Output.F(o.TargetRate ?? 0, 0)} req/s (half the best closed-loop rate): accepted {Output.F(o.AcceptedPerSecond, 0)}/s, "
                + $"latency from intended send time p50 {Output.F(o.Latency.P50Ms, 2)} / p95 {Output.F(o.Latency.P95Ms, 2)} / p99 {Output.F(o.Latency.P99Ms, 2)} / max {Output.F(o.Latency.MaxMs, 2)} ms, "
                + $"not 2xx {Output.N(o.Completed - o.Accepted)}");
        }

        var import = Path.Combine(dir, "import.json");
        if (File.Exists(import) && await Output.ReadJsonAsync<ImportResult>(import) is { } i)
        {
            writer.WriteLine();
            writer.WriteLine($"Import of {Output.N(i.RowsRead)} rows ({Output.F(i.FileMegabytes, 1)} MB): {i.Status} in {Output.F(i.TotalSeconds, 1)} s = {Output.F(i.RowsPerSecond, 0)} rows/s; "
                + $"accepted {Output.N(i.Accepted)}, duplicates {Output.N(i.Duplicates)}, rejected {Output.N(i.Rejected)}; "
                + $"web API RSS {Fmt(i.RssBeforeMegabytes)} MB before, peak {Fmt(i.PeakRssMegabytes)} MB sampled, VmHWM {Fmt(i.VmHwmMegabytes)} MB");
        }
    }

    private static string Fmt(double? value) => value is { } v ? Output.F(v, 0) : "?";

    private static async Task<List<(int Level, T Result)>> LoadAsync<T>(string dir, string prefix)
    {
        var results = new List<(int, T)>();
        foreach (var path in Directory.EnumerateFiles(dir, prefix + "*.json"))
        {
            var level = Path.GetFileNameWithoutExtension(path)[prefix.Length..];
            if (int.TryParse(level, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && await Output.ReadJsonAsync<T>(path) is { } result)
            {
                results.Add((n, result));
            }
        }

        return results;
    }
}
