using System.Diagnostics.Metrics;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Routing's instruments (meter "CrmActors.Routing"): how long a decision takes inside the router grain (lead
/// read, scoring, explanation written), and how long refreshing the snapshot takes. OpenTelemetry exporters and
/// the benchmark (bench/router-grain.sh) listen to the same meter.
/// </summary>
public static class RoutingMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmActors.Routing";

    /// <summary>The decision-time histogram's name.</summary>
    public const string DecisionDurationName = "crm.routing.decision.duration";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds per routing decision inside the router grain, snapshot refreshes excluded.</summary>
    public static Histogram<double> DecisionDuration { get; } = Meter.CreateHistogram<double>(
        DecisionDurationName, unit: "s", description: "Time of one routing decision inside the router grain, snapshot refresh excluded");

    /// <summary>Seconds per snapshot refresh (rules and roster read, rule set compiled).</summary>
    public static Histogram<double> RefreshDuration { get; } = Meter.CreateHistogram<double>(
        "crm.routing.refresh.duration", unit: "s", description: "Time to read the live rules and roster and compile them");
}
