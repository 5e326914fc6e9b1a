using System.Diagnostics.Metrics;

namespace CrmActors.Grains.Reps;

/// <summary>
/// The rep actors' instruments (meter "CrmActors.Reps"): failures that leave a rep behind its journal until a later
/// try, so ops see them before a rep's inbox looks stale.
/// </summary>
public static class RepMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmActors.Reps";

    /// <summary>The catch-up failure counter's name.</summary>
    public const string CatchUpFailuresName = "crm.rep.catchup.failures";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Periodic reads of a rep's assignment stream that failed; the next period reads again.</summary>
    public static Counter<long> CatchUpFailures { get; } = Meter.CreateCounter<long>(
        CatchUpFailuresName, description: "Periodic reads of a rep's assignment stream that failed; the next period reads again");

    /// <summary>Writes of a rep's state that failed; what it took stays in memory and in the journal, the next tick writes again.</summary>
    public static Counter<long> WriteFailures { get; } = Meter.CreateCounter<long>(
        "crm.rep.write.failures", description: "Writes of a rep's state that failed; the next tick (or the next activation's catch-up) writes again");
}
