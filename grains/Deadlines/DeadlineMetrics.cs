using System.Diagnostics.Metrics;

namespace CrmActors.Grains.Deadlines;

/// <summary>
/// Deadlines' instruments (meter "CrmActors.Deadlines"): how late each deadline is applied after its due time,
/// tagged with its kind. OpenTelemetry exporters and the benchmark (bench/deadlines.sh) listen to the same meter.
/// </summary>
public static class DeadlineMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmActors.Deadlines";

    /// <summary>The lateness histogram's name.</summary>
    public const string LatenessName = "crm.deadline.lateness";

    /// <summary>The tag naming the deadline's kind (first-touch, follow-up, escalation, ...).</summary>
    public const string KindTag = "kind";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds from a deadline's due time to the moment it was applied; recorded once per applied deadline.</summary>
    public static Histogram<double> Lateness { get; } = Meter.CreateHistogram<double>(
        LatenessName, unit: "s", description: "Time from a deadline's due time until it was applied",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600] });

    /// <summary>Records one applied deadline.</summary>
    public static void Applied(string kind, DateTimeOffset due, DateTimeOffset now) =>
        Lateness.Record(Math.Max(0, (now - due).TotalSeconds), new KeyValuePair<string, object?>(KindTag, kind));
}
