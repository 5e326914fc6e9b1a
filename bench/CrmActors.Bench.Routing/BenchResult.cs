namespace CrmActors.Bench.Routing;

/// <summary>Everything a run measured, as printed and as written by <c>--json</c>.</summary>
/// <param name="Command">The command line that produced it.</param>
/// <param name="Date">When it started (UTC).</param>
/// <param name="Machine">Where.</param>
/// <param name="Settings">The options.</param>
/// <param name="Tenant">The generated tenant.</param>
/// <param name="CompileFirstMilliseconds">The first CompiledRuleSet.Create (includes JIT of the compiler).</param>
/// <param name="CompileMedianMilliseconds">The median of the next <paramref name="CompileRuns"/> compiles.</param>
/// <param name="CompileRuns">How many warm compiles were timed.</param>
/// <param name="TimerOverheadNanoseconds">Two back-to-back Stopwatch.GetTimestamp calls (median); part of every sample.</param>
/// <param name="FallbackLeads">Of the generated leads, how many no rule matches.</param>
/// <param name="SingleThread">The mixed run on one thread: the primary measure.</param>
/// <param name="FallbackOnly">Only leads no rule matches: the fallback ranks every rep.</param>
/// <param name="Concurrent">Several threads sharing the compiled rule set; null when skipped.</param>
/// <param name="TargetP99Micros">Issue 4's target for p99.</param>
internal sealed record class BenchResult(
    string Command,
    DateTimeOffset Date,
    MachineInfo Machine,
    BenchOptions Settings,
    TenantSummary Tenant,
    double CompileFirstMilliseconds,
    double CompileMedianMilliseconds,
    int CompileRuns,
    double TimerOverheadNanoseconds,
    int FallbackLeads,
    RunReport SingleThread,
    RunReport? FallbackOnly,
    RunReport? Concurrent,
    double TargetP99Micros)
{
    /// <summary>The target holds for the realistic mix, on one thread and concurrently.</summary>
    public bool TargetMet => SingleThread.Latency.P99 <= TargetP99Micros && (Concurrent is null || Concurrent.Latency.P99 <= TargetP99Micros);
}
