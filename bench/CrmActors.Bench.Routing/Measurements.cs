using System.Diagnostics;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>The runs: one thread timing each decision, and several threads sharing one compiled rule set.</summary>
internal static class Measurements
{
    public static RunReport Single(string name, DecisionLoop loop, int count)
    {
        var utilization = loop.Loads.Utilization;
        var before = GcSnapshot.AfterFullCollection();
        var samples = loop.Measure(count);
        var after = GcSnapshot.Take();
        return Report(name, [samples], before, after, utilization, loop.Loads.Utilization);
    }

    /// <summary>
    /// <paramref name="threads"/> threads, each with its own leads offset and loads (as separate routing grain
    /// activations would have), routing with the same <see cref="CompiledRuleSet"/> at the same time.
    /// </summary>
    public static RunReport Concurrent(string name, CompiledRuleSet router, Tenant tenant, RoutingLead[] leads, int threads, int perThread, int warmup, int seed)
    {
        var loops = Enumerable.Range(0, threads)
            .Select(t => new DecisionLoop(router, leads, new LoadSimulator(tenant.Roster, seed + 1000 + t), t * leads.Length / threads))
            .ToArray();
        var results = new Samples[threads];
        using var warmed = new Barrier(threads + 1);
        using var go = new Barrier(threads + 1);
        var workers = loops.Select((loop, t) => new Thread(() =>
        {
            loop.Warm(warmup);
            warmed.SignalAndWait();
            go.SignalAndWait();
            results[t] = loop.Measure(perThread);
        })
        {
            IsBackground = true,
            Name = $"route-{t}",
        }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        warmed.SignalAndWait();
        var utilization = loops.Average(l => l.Loads.Utilization);
        var before = GcSnapshot.AfterFullCollection();
        go.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var after = GcSnapshot.Take();
        return Report(name, results, before, after, utilization, loops.Average(l => l.Loads.Utilization));
    }

    private static RunReport Report(string name, Samples[] samples, GcSnapshot before, GcSnapshot after, double utilizationBefore, double utilizationAfter)
    {
        var decisions = samples.Sum(s => s.Count);
        var wallTicks = samples.Max(s => s.LastEnd) - samples.Min(s => s.FirstStart);
        var wall = wallTicks / (double)Stopwatch.Frequency;
        var routeSeconds = samples.Sum(s => s.Ticks.Take(s.Count).Sum()) / (double)Stopwatch.Frequency / samples.Length;
        var byKind = Enum.GetValues<DecisionKind>()
            .Select(kind => (kind, ticks: samples.SelectMany(s => s.Ticks.Take(s.Count).Where((_, i) => s.Kinds[i] == kind)).ToArray()))
            .Where(k => k.ticks.Length > 0)
            .ToDictionary(k => k.kind.ToString(), k => LatencySummary.From(k.ticks), StringComparer.Ordinal);
        return new RunReport(
            name,
            samples.Length,
            decisions,
            wall,
            decisions / wall,
            decisions / routeSeconds,
            LatencySummary.From(samples.SelectMany(s => s.Ticks.Take(s.Count)).ToArray()),
            byKind,
            samples.Sum(s => (double)s.AllocatedBytes) / decisions,
            after.Gen0 - before.Gen0,
            after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2,
            (after.Pause - before.Pause).TotalMilliseconds,
            DecisionMix.From(samples),
            utilizationBefore,
            utilizationAfter);
    }
}
