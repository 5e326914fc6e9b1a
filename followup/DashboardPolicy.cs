namespace CrmActors.FollowUp;

/// <summary>A dashboard metric: its unit, its S7 thresholds and which direction is better.</summary>
/// <param name="Id">The metric's id, e.g. <c>evidence-rate</c>.</param>
/// <param name="Unit"><c>per-minute</c>, <c>leads</c>, <c>minutes</c> or <c>percent</c>.</param>
/// <param name="Healthy">At or beyond this (in the better direction) the metric is healthy.</param>
/// <param name="Alarm">Beyond this (in the worse direction) it is in alarm.</param>
/// <param name="HigherIsBetter">True for shares and rates, false for delays and backlogs.</param>
public sealed record class DashboardMetric(string Id, string Unit, double? Healthy, double? Alarm, bool HigherIsBetter);

/// <summary>A tenant's thresholds for one metric; both replace the defaults (an omitted one means none).</summary>
public sealed class MetricThresholds
{
    /// <summary>The healthy threshold, or none.</summary>
    public double? Healthy { get; init; }

    /// <summary>The alarm threshold, or none.</summary>
    public double? Alarm { get; init; }
}

/// <summary>
/// The manager dashboard's thresholds (S7's by default) and how long "stage on time" allows. A B2C tenant sets
/// <c>{"thresholds":{"first-response-median":{"healthy":15}}}</c>.
/// </summary>
public sealed class DashboardPolicy
{
    /// <summary>Every metric, in display order, with S7's thresholds.</summary>
    public static IReadOnlyList<DashboardMetric> Defaults { get; } =
    [
        new("leads-in-per-minute", "per-minute", null, null, true),
        new("assigned-per-minute", "per-minute", null, null, true),
        new("unassigned", "leads", null, null, false),
        new("unassigned-longest-wait", "minutes", null, null, false),
        new("first-response-median", "minutes", 120, null, false),
        new("first-response-p90", "minutes", null, null, false),
        new("touched-within-48h", "percent", 85, null, true),
        new("touched-within-sla", "percent", 85, null, true),
        new("overdue", "leads", null, null, false),
        new("escalated", "leads", null, null, false),
        new("mql-to-sql-48h", "percent", 45, 25, true),
        new("stage-on-time", "percent", 80, 50, true),
        new("key-fields-complete", "percent", 95, 80, true),
        new("evidence-rate", "percent", 85, 60, true),
        new("entered-within-24h", "percent", 90, 75, true),
        new("action-continuity", "percent", 65, null, true),
        new("coordination-latency", "minutes", 240, null, false),
    ];

    /// <summary>Thresholds the tenant set, by metric id (the others keep S7's).</summary>
    public IReadOnlyDictionary<string, MetricThresholds> Thresholds { get; init; } = new Dictionary<string, MetricThresholds>();

    /// <summary>Days from qualifying to a demo that count as "on time" (S7: solution discussion within 5 days).</summary>
    public int StageOnTimeDays { get; init; } = 5;

    /// <summary>Every metric with this tenant's thresholds.</summary>
    public IReadOnlyList<DashboardMetric> Metrics() =>
        [.. Defaults.Select(d => Thresholds.TryGetValue(d.Id, out var t) && t is not null ? d with { Healthy = t.Healthy, Alarm = t.Alarm } : d)];

    /// <summary>Every problem with the policy, paths under <c>dashboard</c>.</summary>
    public IEnumerable<FollowUpError> Check()
    {
        if (StageOnTimeDays is < 1 or > 90)
        {
            yield return new FollowUpError("dashboard.stageOnTimeDays", "'stageOnTimeDays' must be between 1 and 90.");
        }

        foreach (var (id, t) in Thresholds ?? new Dictionary<string, MetricThresholds>())
        {
            var path = $"dashboard.thresholds.{id}";
            if (Defaults.FirstOrDefault(d => d.Id == id) is not { } metric)
            {
                yield return new FollowUpError(path, $"There is no metric '{id}'; known: {string.Join(", ", Defaults.Select(d => d.Id))}.");
                continue;
            }

            if (t is null)
            {
                yield return new FollowUpError(path, "Give 'healthy' and/or 'alarm', or leave the metric out.");
                continue;
            }

            foreach (var (name, value) in new[] { ("healthy", t.Healthy), ("alarm", t.Alarm) })
            {
                if (value is { } v && (v < 0 || (metric.Unit == "percent" && v > 100) || double.IsNaN(v) || double.IsInfinity(v)))
                {
                    yield return new FollowUpError($"{path}.{name}", metric.Unit == "percent" ? $"'{name}' is a percentage between 0 and 100." : $"'{name}' must be 0 or more.");
                }
            }

            if (t is { Healthy: { } h, Alarm: { } a } && (metric.HigherIsBetter ? a >= h : a <= h))
            {
                yield return new FollowUpError($"{path}.alarm", metric.HigherIsBetter
                    ? "'alarm' must be below 'healthy' (higher is better for this metric)."
                    : "'alarm' must be above 'healthy' (lower is better for this metric).");
            }
        }
    }
}
