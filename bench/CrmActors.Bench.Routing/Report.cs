using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.Bench.Routing;

/// <summary>Prints the results as text and writes them as JSON.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Header(TextWriter output, string command, MachineInfo machine, DateTimeOffset date)
    {
        output.WriteLine("CrmActors.Bench.Routing: CompiledRuleSet.Route per decision (issue 4: 500 reps, 200 rules, p99 <= 1 ms)");
        output.WriteLine($"  command   {command}");
        output.WriteLine($"  machine   {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGiB:0.0} GiB, {machine.Os}, {machine.Kernel}, {machine.Architecture}");
        output.WriteLine($"  runtime   {machine.Runtime}, {machine.Gc}, {machine.TieredCompilation}, {machine.Build} build");
        output.WriteLine($"  date      {date:yyyy-MM-ddTHH:mm:ssZ}");
        output.WriteLine();
    }

    public static void Tenant(TextWriter output, TenantSummary tenant, BenchOptions options)
    {
        output.WriteLine($"tenant (seed {options.Seed})");
        output.WriteLine($"  reps      {tenant.Reps} in {tenant.Groups} groups of {tenant.SmallestGroup}-{tenant.LargestGroup} (+ 'all'), capacity {tenant.TotalCapacity:N0} open leads in total, {tenant.InactiveOrOnLeave} inactive or on leave at the start");
        output.WriteLine($"  zones     {string.Join(", ", tenant.TimeZones)}");
        output.WriteLine($"  rules     {tenant.Rules}, {tenant.ConditionsPerRule:0.0} conditions each on average; targets {string.Join(", ", tenant.TargetKinds.Select(k => $"{k.Value} {k.Key}"))}; fallback {tenant.Fallback}");
        output.WriteLine($"  conditions {string.Join(", ", tenant.ConditionFields.Select(k => $"{k.Key} {k.Value}"))}");
        output.WriteLine();
    }

    public static void Run(TextWriter output, RunReport run)
    {
        output.WriteLine(run.Name);
        output.WriteLine("                       count      p50      p90      p99    p99.9      max     mean   (us)");
        Line(output, "all decisions", run.Latency);
        foreach (var (kind, latency) in run.ByKind)
        {
            Line(output, "  " + Describe(kind), latency);
        }

        output.WriteLine($"  throughput      {run.DecisionsPerSecond:N0} decisions/s over {run.WallSeconds:0.00} s wall ({run.Threads} thread(s), load simulation included); {run.RouteDecisionsPerSecond:N0}/s counting only time inside Route");
        output.WriteLine($"  allocation      {run.AllocatedBytesPerDecision:N0} B per decision; GC gen0 {run.Gen0}, gen1 {run.Gen1}, gen2 {run.Gen2}, pauses {run.GcPauseMilliseconds:0.0} ms in total");
        var mix = run.Mix;
        var where = mix.RuleIndexP50 < 0 ? "" : $" (index of the rule that fired: p25 {mix.RuleIndexP25}, median {mix.RuleIndexP50}, p75 {mix.RuleIndexP75})";
        output.WriteLine($"  mix             rule fired and its target picked {Percent(mix.RuleFired)}{where}, rule fired but its target was full -> fallback {Percent(mix.RuleTargetFull)}, no rule -> fallback {Percent(mix.NoRule)}, unassigned {Percent(mix.Unassigned)}; {mix.MeanCandidates:0.0} candidates listed on average");
        output.WriteLine($"  loads           {Percent(run.UtilizationBefore)} of capacity in use at the start, {Percent(run.UtilizationAfter)} at the end");
        output.WriteLine();
    }

    public static void Verdict(TextWriter output, BenchResult result)
    {
        var target = result.TargetP99Micros;
        output.WriteLine($"target p99 <= {target:0} us: {(result.TargetMet ? "MET" : "NOT MET")}");
        output.WriteLine($"  one thread, realistic mix   p99 {result.SingleThread.Latency.P99:0.0} us ({result.SingleThread.Latency.P99 / target:0.0%} of the target)");
        if (result.Concurrent is { } concurrent)
        {
            output.WriteLine($"  {concurrent.Threads} threads, realistic mix     p99 {concurrent.Latency.P99:0.0} us ({concurrent.Latency.P99 / target:0.0%} of the target)");
        }

        if (result.FallbackOnly is { } fallback)
        {
            output.WriteLine($"  no rule matches (worst path) p99 {fallback.Latency.P99:0.0} us ({fallback.Latency.P99 / target:0.0%} of the target; not part of the verdict)");
        }
    }

    public static async Task WriteJsonAsync(string? path, BenchResult result)
    {
        if (path is null)
        {
            return;
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json);
        Console.WriteLine($"results written to {path}");
    }

    private static void Line(TextWriter output, string label, LatencySummary latency) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label,-18}{latency.Count,9}{latency.P50,9:0.0}{latency.P90,9:0.0}{latency.P99,9:0.0}{latency.P999,9:0.0}{latency.Max,9:0.0}{latency.Mean,9:0.0}"));

    private static string Describe(string kind) => kind switch
    {
        nameof(DecisionKind.RuleFired) => "rule fired",
        nameof(DecisionKind.RuleTargetFull) => "target full->all",
        nameof(DecisionKind.NoRule) => "no rule->all",
        _ => kind,
    };

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
