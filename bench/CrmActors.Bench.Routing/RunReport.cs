namespace CrmActors.Bench.Routing;

/// <summary>One measured run: latency of individual decisions, throughput, allocation, GC and the decision mix.</summary>
/// <param name="Name">What was run.</param>
/// <param name="Threads">Threads routing at the same time.</param>
/// <param name="Decisions">Decisions measured, over all threads.</param>
/// <param name="WallSeconds">From the first decision's start to the last one's end.</param>
/// <param name="DecisionsPerSecond">Decisions over the wall time (includes the load simulation between decisions).</param>
/// <param name="RouteDecisionsPerSecond">Decisions over the time spent inside Route per thread: the router's own rate.</param>
/// <param name="Latency">Every decision.</param>
/// <param name="ByKind">Per <see cref="DecisionKind"/> that occurred.</param>
/// <param name="AllocatedBytesPerDecision">Bytes allocated inside Route, per decision.</param>
/// <param name="Gen0">Gen0 collections during the run (process-wide).</param>
/// <param name="Gen1">Gen1 collections.</param>
/// <param name="Gen2">Gen2 collections.</param>
/// <param name="GcPauseMilliseconds">Total GC pause time during the run.</param>
/// <param name="Mix">The paths the decisions took.</param>
/// <param name="UtilizationBefore">Open leads over capacity when the run started (mean over threads).</param>
/// <param name="UtilizationAfter">The same when it ended.</param>
internal sealed record class RunReport(
    string Name,
    int Threads,
    int Decisions,
    double WallSeconds,
    double DecisionsPerSecond,
    double RouteDecisionsPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, LatencySummary> ByKind,
    double AllocatedBytesPerDecision,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMilliseconds,
    DecisionMix Mix,
    double UtilizationBefore,
    double UtilizationAfter);
