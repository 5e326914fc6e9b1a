using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmActors.Bench.Routing;
using CrmActors.Routing;

Console.OutputEncoding = new UTF8Encoding(false);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["-h" or "--help" or "help", ..])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench-routing: {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

const int RuleCount = 200;
const double TargetP99Micros = 1_000;
const int CompileRuns = 5;
var output = Console.Out;
var date = DateTimeOffset.UtcNow;
var machine = MachineInfo.Collect();
var command = CommandLine();
Report.Header(output, command, machine, date);

var tenant = TenantGenerator.Create(options.Seed, RuleCount);
var summary = TenantSummary.From(tenant);
Report.Tenant(output, summary, options);

var started = Stopwatch.GetTimestamp();
var router = CompiledRuleSet.Create(tenant.RuleSet, tenant.Roster);
var compileFirst = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
var compiles = new double[CompileRuns];
for (var i = 0; i < compiles.Length; i++)
{
    started = Stopwatch.GetTimestamp();
    _ = CompiledRuleSet.Create(tenant.RuleSet, tenant.Roster);
    compiles[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

Array.Sort(compiles);
var compileMedian = compiles[compiles.Length / 2];
output.WriteLine($"compile   CompiledRuleSet.Create (validate + compile): first {compileFirst:0.0} ms (cold, includes JIT), then median {compileMedian:0.0} ms of {CompileRuns} (min {compiles[0]:0.0}, max {compiles[^1]:0.0})");

var leads = LeadGenerator.Create(options.Seed + 1, options.Leads);
var noLoads = new Dictionary<string, RepLoad>(StringComparer.Ordinal);
var fallbackLeads = leads.Where(l => router.Route(l, noLoads, TenantGenerator.Start).RuleId is null).ToArray();
output.WriteLine($"leads     {leads.Length:N0} generated (seed {options.Seed + 1}), cycled; {fallbackLeads.Length:N0} of them ({fallbackLeads.Length / (double)leads.Length:0.0%}) match no rule");
var timer = TimerOverhead();
output.WriteLine($"timer     Stopwatch.GetTimestamp resolution {1e9 / Stopwatch.Frequency:0.#} ns, back-to-back pair {timer:0} ns (included in every sample)");

// Tiered compilation recompiles hot methods on a background thread after a delay; the pauses let the
// optimized code land before timing starts.
var loop = new DecisionLoop(router, leads, new LoadSimulator(tenant.Roster, options.Seed + 2), 0);
var fallbackLoop = new DecisionLoop(router, fallbackLeads.Length > 0 ? fallbackLeads : leads, new LoadSimulator(tenant.Roster, options.Seed + 3), 0);
started = Stopwatch.GetTimestamp();
loop.Warm(options.Warmup / 2);
fallbackLoop.Warm(Math.Min(2_000, options.Warmup / 10));
Thread.Sleep(250);
loop.Warm(options.Warmup - (options.Warmup / 2));
Thread.Sleep(250);
output.WriteLine($"warm-up   {options.Warmup:N0} decisions of the mix and {Math.Min(2_000, options.Warmup / 10):N0} of the fallback leads in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
output.WriteLine();

var single = Measurements.Single($"one thread, realistic mix: {options.Decisions:N0} decisions, loads changing with each assignment", loop, options.Decisions);
Report.Run(output, single);

RunReport? fallback = null;
if (options.FallbackDecisions > 0 && fallbackLeads.Length > 0)
{
    fallbackLoop.Warm(1_000);
    fallback = Measurements.Single($"no rule matches: {options.FallbackDecisions:N0} decisions, every rule tried, then the fallback ranks all {tenant.Roster.Length} reps", fallbackLoop, options.FallbackDecisions);
    Report.Run(output, fallback);
}

RunReport? concurrent = null;
if (options.Threads > 0)
{
    concurrent = Measurements.Concurrent(
        $"{options.Threads} threads at once, realistic mix: {options.Decisions:N0} decisions each, one shared CompiledRuleSet, loads per thread",
        router, tenant, leads, options.Threads, options.Decisions, 2_000, options.Seed);
    Report.Run(output, concurrent);
}

var result = new BenchResult(command, date, machine, options, summary, compileFirst, compileMedian, CompileRuns, timer,
    fallbackLeads.Length, single, fallback, concurrent, TargetP99Micros);
Report.Verdict(output, result);
await Report.WriteJsonAsync(options.Json, result);
return 0;

static string CommandLine()
{
    var args = Environment.GetCommandLineArgs();
    var here = Environment.CurrentDirectory;
    var host = Environment.ProcessPath;
    var program = Path.GetRelativePath(here, args[0]);
    var start = host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? "dotnet " + program : program;
    return string.Join(' ', [start, .. args[1..].Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)]);
}

static double TimerOverhead()
{
    var pairs = new long[1_001];
    for (var i = 0; i < pairs.Length; i++)
    {
        var a = Stopwatch.GetTimestamp();
        var b = Stopwatch.GetTimestamp();
        pairs[i] = b - a;
    }

    Array.Sort(pairs);
    return pairs[pairs.Length / 2] * 1e9 / Stopwatch.Frequency;
}
