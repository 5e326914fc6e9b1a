using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmActors.Bench.Routing;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Grains.Routing;
using CrmActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using GrainRep = CrmActors.GrainInterfaces.Reps.RepProfile;

namespace CrmActors.Bench.RouterGrain;

/// <summary>The run: a silo in process, the tenant loaded through the grains, then timed decisions per concurrency level.</summary>
internal static class SiloBench
{
    private const string TenantId = "bench";
    private const int RuleCount = 200;
    private const double TargetP99Micros = 1_000;

    public static async Task<int> RunAsync(SiloBenchOptions options, TextWriter output, string command)
    {
        var machine = MachineInfo.Collect();
        output.WriteLine("CrmActors.Bench.RouterGrain: RouterGrain.RouteAsync inside a silo (issue 4: 500 reps, 200 rules, p99 <= 1 ms inside the silo)");
        output.WriteLine($"  command   {command.TrimEnd()} (commit {Commit()})");
        output.WriteLine($"  machine   {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGiB:0.0} GiB, {machine.Os}, {machine.Kernel}, {machine.Architecture}");
        output.WriteLine($"  runtime   {machine.Runtime}, {machine.Gc}, {machine.TieredCompilation}, {machine.Build} build");
        var gen0 = Environment.GetEnvironmentVariable("DOTNET_GCgen0size");
        output.WriteLine($"  gen0      {(string.IsNullOrEmpty(gen0) || gen0 == "0" ? "the runtime's default budget" : $"DOTNET_GCgen0size={gen0} per GC heap (the silo's setting, scripts/lib/common.sh)")}");
        output.WriteLine($"  date      {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        output.WriteLine();

        var tenant = TenantGenerator.Create(options.Seed, RuleCount);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddMemoryGrainStorage(CrmStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, new ShiftedClock(TenantGenerator.Start));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var started = Stopwatch.GetTimestamp();
        await LoadRosterAsync(grains, tenant.Roster);
        var rules = grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(TenantId, IRoutingRulesGrain.Id));
        var check = await rules.SaveDraftAsync(JsonSerializer.Serialize(tenant.RuleSet, RoutingJson.Options), "bench");
        check = check.Errors.Count == 0 ? await rules.PublishAsync("bench") : check;
        if (check.Errors.Count > 0)
        {
            output.WriteLine($"the generated rule set was refused: {string.Join("; ", check.Errors.Take(5))}");
            return 1;
        }

        output.WriteLine($"tenant    seed {options.Seed}: {tenant.Roster.Length} reps saved through rep grains, {tenant.RuleSet.Rules.Count} rules published through the rule-set grain, in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        var leads = LeadGenerator.Create(options.Seed + 1, 10_000).Select(l => new RouteRequest(l.Id, JsonSerializer.Serialize(l, RoutingJson.Options), [])).ToArray();
        output.WriteLine($"leads     {leads.Length:N0} generated (seed {options.Seed + 1}), cycled; as routing JSON, the way the lead grain sends them");

        using var probe = new DecisionProbe();
        var router = grains.GetGrain<IRouterGrain>(GrainKeys.For(TenantId, IRouterGrain.Id));
        started = Stopwatch.GetTimestamp();
        await RunAsync(router, leads, options.Warmup, 2);
        await Task.Delay(500);
        await RunAsync(router, leads, options.Warmup / 2, 2);
        output.WriteLine($"warm-up   {options.Warmup + (options.Warmup / 2):N0} decisions in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (JIT, tiered compilation; one router activation per tenant)");
        output.WriteLine();
        output.WriteLine("          callers  decisions/s   inside the grain: p50     p90     p99   p99.9     max   |  grain call: p50     p99   p99.9");

        var worstP99 = 0.0;
        foreach (var level in options.Concurrency)
        {
            probe.Start();
            started = Stopwatch.GetTimestamp();
            var calls = await RunAsync(router, leads, options.Decisions, level);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var inside = LatencySummary.From(probe.Stop());
            var call = LatencySummary.From(calls);
            worstP99 = Math.Max(worstP99, inside.P99);
            output.WriteLine($"          {level,7} {options.Decisions / seconds,12:N0}   {"",16}{inside.P50,5:0} {inside.P90,7:0} {inside.P99,7:0} {inside.P999,7:0} {inside.Max,7:0}   |  {"",10}{call.P50,5:0} {call.P99,7:0} {call.P999,7:0}   (us; {inside.Count:N0} in-grain samples)");
        }

        if (options.Split > 0)
        {
            Split(output, tenant, leads, options.Split);
        }

        var sizes = await Task.WhenAll(leads.Take(2_000).Select(async l => (await router.RouteAsync(l)).DecisionJson.Length));
        Array.Sort(sizes);
        output.WriteLine();
        output.WriteLine($"explained each decision's JSON (stored with the lead): median {sizes[sizes.Length / 2] / 1024.0:0.0} KB, p90 {sizes[sizes.Length * 9 / 10] / 1024.0:0.0} KB, max {sizes[^1] / 1024.0:0.0} KB (2,000 leads)");
        output.WriteLine($"roster    read {probe.Refreshes.Count:N0} times while timing (once per activation; changes arrive as reports), median {Median(probe.Refreshes) * 1000:0.0} ms, max {(probe.Refreshes.Count == 0 ? 0 : probe.Refreshes.Max()) * 1000:0.0} ms; reads are not decisions and are not in the figures above");
        output.WriteLine($"target    p99 inside the grain <= {TargetP99Micros:0} us: {(worstP99 <= TargetP99Micros ? "met" : "NOT met")} (worst p99 {worstP99:0} us)");
        await host.StopAsync();
        return 0;
    }

    /// <summary>The parts of a decision timed outside Orleans, with their allocation: where the in-grain time goes.</summary>
    private static void Split(TextWriter output, Tenant tenant, RouteRequest[] leads, int count)
    {
        var compiled = CompiledRuleSet.Create(tenant.RuleSet, tenant.Roster);
        var loads = new Dictionary<string, RepLoad>(StringComparer.Ordinal);
        var now = TenantGenerator.Start;
        var split = new long[4][];
        for (var k = 0; k < 4; k++)
        {
            split[k] = new long[count];
        }

        for (var round = 0; round < 2; round++) // the first round warms up, the second overwrites it
        {
            for (var i = 0; i < count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var lead = JsonSerializer.Deserialize<RoutingLead>(leads[i % leads.Length].LeadJson, RoutingJson.Options)!;
                var t1 = Stopwatch.GetTimestamp();
                var decision = compiled.Route(lead, loads, now);
                var t2 = Stopwatch.GetTimestamp();
                var condensed = StoredExplanation.Condense(decision);
                var t3 = Stopwatch.GetTimestamp();
                _ = JsonSerializer.Serialize(condensed, RoutingJson.Options);
                var t4 = Stopwatch.GetTimestamp();
                (split[0][i], split[1][i], split[2][i], split[3][i]) = (t1 - t0, t2 - t1, t3 - t2, t4 - t3);
            }
        }

        var sampled = Math.Min(2_000, count);
        var allocated = new long[4];
        for (var i = 0; i < sampled; i++)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var lead = JsonSerializer.Deserialize<RoutingLead>(leads[i % leads.Length].LeadJson, RoutingJson.Options)!;
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            var decision = compiled.Route(lead, loads, now);
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            var condensed = StoredExplanation.Condense(decision);
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            _ = JsonSerializer.Serialize(condensed, RoutingJson.Options);
            var a4 = GC.GetAllocatedBytesForCurrentThread();
            allocated[0] += a1 - a0;
            allocated[1] += a2 - a1;
            allocated[2] += a3 - a2;
            allocated[3] += a4 - a3;
        }

        output.WriteLine($"split     outside Orleans, one thread, {count:N0} decisions (after as many unmeasured); allocation averaged over {sampled:N0}:");
        output.WriteLine($"          allocated per decision: lead read {allocated[0] / sampled} B, ranking {allocated[1] / sampled} B, condensing {allocated[2] / sampled} B, JSON {allocated[3] / sampled} B");
        string[] names = ["lead read", "ranking", "condensing", "JSON"];
        for (var k = 0; k < 4; k++)
        {
            var sum = LatencySummary.From(split[k]);
            output.WriteLine($"          {names[k],-12} p50 {sum.P50:0} p90 {sum.P90:0} p99 {sum.P99:0} p99.9 {sum.P999:0} us");
        }
    }

    /// <summary>
    /// Saves every rep, supervisors before the reps they supervise. Supervisors the generator names but does not
    /// list are saved as reps of no group (never routing candidates), since the rep grain wants them to exist.
    /// </summary>
    private static async Task LoadRosterAsync(IGrainFactory grains, IReadOnlyList<CrmActors.Routing.RepProfile> roster)
    {
        var listed = roster.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var outsiders = roster.Select(r => r.SupervisorId).OfType<string>().Where(id => !listed.Contains(id)).Distinct(StringComparer.Ordinal).ToArray();
        await Task.WhenAll(outsiders.Select(id => grains.GetGrain<IRepGrain>(GrainKeys.For(TenantId, id)).SaveProfileAsync(new GrainRep(id, null, null, 10, true))));
        var saved = new HashSet<string>(outsiders, StringComparer.Ordinal);
        var pending = roster.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r.SupervisorId is null || saved.Contains(r.SupervisorId)).ToArray();
            if (ready.Length == 0)
            {
                throw new InvalidOperationException("The generated roster has a supervisor cycle or an unknown supervisor.");
            }

            await Task.WhenAll(ready.Select(r => grains.GetGrain<IRepGrain>(GrainKeys.For(TenantId, r.Id)).SaveProfileAsync(ToGrain(r))));
            saved.UnionWith(ready.Select(r => r.Id));
            pending.RemoveAll(r => saved.Contains(r.Id));
        }
    }

    private static GrainRep ToGrain(CrmActors.Routing.RepProfile r) => new(
        r.DisplayName.Length > 0 ? r.DisplayName : r.Id,
        Email: null,
        r.SupervisorId,
        Math.Max(1, r.Capacity), // the generator gives 2% of reps no capacity; rep grains accept 1 at least
        r.Active,
        r.Groups,
        new RepExpertise(
            r.Industries, r.InstitutionLevels, r.Products, r.Regions, r.Languages, r.DealSize?.Min, r.DealSize?.Max,
            [.. r.Wins.Select(w => new RepWin(w.Industry, w.Product, w.InstitutionLevel, w.Count))]),
        r.WorkingHours is { } hours
            ? new RepSchedule(hours.TimeZoneId, hours.Start, hours.End, hours.Days, r.OnLeaveUntil)
            : r.OnLeaveUntil is { } leave ? RepSchedule.LeaveOnly(leave) : null);

    /// <summary>
    /// Routes <paramref name="count"/> leads with <paramref name="callers"/> callers in flight; returns each decision call's
    /// Stopwatch ticks (the release call that follows each one is not timed, but it shares the grain, so decisions/s
    /// counts both).
    /// </summary>
    private static async Task<long[]> RunAsync(IRouterGrain router, RouteRequest[] leads, int count, int callers)
    {
        var ticks = new long[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var lead = leads[i % leads.Length];
                var started = Stopwatch.GetTimestamp();
                await router.RouteAsync(lead);
                ticks[i] = Stopwatch.GetTimestamp() - started;

                // Every decision reserves room with its rep; nothing stores these leads, so give it back (untimed) to keep
                // the loads the tenant was generated with.
                await router.ReleaseAsync(lead.LeadId);
            }
        }));
        return ticks;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            var commit = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return string.IsNullOrEmpty(commit) ? "unknown" : commit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Listens to the router grain's histograms while a run is being timed.</summary>
    private sealed class DecisionProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _lock = new();
        private List<long> _decisions = [];
        private volatile bool _recording;

        public DecisionProbe()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RoutingMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) =>
            {
                if (!_recording)
                {
                    return;
                }

                lock (_lock)
                {
                    if (instrument.Name == RoutingMetrics.DecisionDurationName)
                    {
                        _decisions.Add((long)(seconds * Stopwatch.Frequency));
                    }
                    else
                    {
                        Refreshes.Add(seconds);
                    }
                }
            });
            _listener.Start();
        }

        public List<double> Refreshes { get; } = [];

        public void Start()
        {
            lock (_lock)
            {
                _decisions = [];
            }

            _recording = true;
        }

        public List<long> Stop()
        {
            _recording = false;
            lock (_lock)
            {
                return _decisions;
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
