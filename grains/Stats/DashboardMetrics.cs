using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Stats;

/// <summary>
/// The dashboard's metrics computed from lead facts (plain C#, no runtime): S7's figures with their thresholds,
/// and for each metric the leads behind it. Shares count leads whose outcome is known (a lead created 3 hours ago
/// is not yet a miss of "touched within 48 h").
/// </summary>
public static class DashboardMetrics
{
    /// <summary>How far back share metrics look.</summary>
    public const int WindowDays = 30;

    private static readonly TimeSpan Hours48 = TimeSpan.FromHours(48);

    /// <summary>The dashboard of <paramref name="facts"/> (already narrowed to one scope) at <paramref name="now"/>.</summary>
    public static DashboardView Compute(string scope, IReadOnlyCollection<LeadFigures> facts, IReadOnlyDictionary<string, string?> teamOfRep, DateTimeOffset now, long version, DashboardPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(teamOfRep);
        policy ??= new DashboardPolicy();
        var stageLimit = TimeSpan.FromDays(policy.StageOnTimeDays);
        var metrics = policy.Metrics().Select(d => Value(d, facts, now, stageLimit)).ToList();
        var first = Minute(now).AddMinutes(-59);
        var leadsIn = new int[60];
        var assigned = new int[60];
        foreach (var f in facts)
        {
            Count(leadsIn, f.CreatedAt, first);
            if (f.AssignedAt is { } a)
            {
                Count(assigned, a, first);
            }
        }

        var perMinute = Enumerable.Range(0, 60).Select(i => new MinuteBucket(first.AddMinutes(i), leadsIn[i], assigned[i])).ToList();
        var open = facts.Where(f => f.IsOpen).ToList();
        var funnel = Enum.GetValues<FunnelStage>().Select(s => new FunnelCount(s.ToString().ToLowerInvariant(), open.Count(f => f.Funnel == s))).ToList();
        var reps = open.Where(f => f.OwnerRepId is not null).GroupBy(f => f.OwnerRepId!)
            .Select(g => new RepLoad(g.Key, teamOfRep.GetValueOrDefault(g.Key), g.Count(), g.Count(IsOverdue), g.Count(f => f.EscalationLevel > 0)))
            .OrderByDescending(r => r.Open).ThenBy(r => r.RepId, StringComparer.Ordinal).ToList();
        return new DashboardView(scope, now, version, WindowDays, metrics, perMinute, funnel, reps);
    }

    /// <summary>
    /// Whether a lead still counts toward any figure at <paramref name="now"/>: open, created within the window, or with an
    /// activity logged within it (evidence and entry-time shares count activities by when they were logged).
    /// </summary>
    public static bool StillCounts(LeadFigures f, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(f);
        var window = TimeSpan.FromDays(WindowDays);
        return f.IsOpen || now - f.CreatedAt <= window || f.Activities.Any(a => now - a.LoggedAt <= window);
    }

    /// <summary>The leads behind <paramref name="metric"/>, with whether each meets it (shares) or null (counts); null for an unknown metric.</summary>
    public static IEnumerable<LeadBehind>? Behind(string metric, IEnumerable<LeadFigures> facts, DateTimeOffset now, DashboardPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var stageLimit = TimeSpan.FromDays((policy ?? new DashboardPolicy()).StageOnTimeDays);
        if (DashboardPolicy.Defaults.All(d => d.Id != metric) && !metric.StartsWith("funnel-", StringComparison.Ordinal) && metric != "open")
        {
            return null;
        }

        return Rows(metric, facts, now, stageLimit).OrderByDescending(r => r.Fact.CreatedAt).ThenBy(r => r.Fact.LeadId, StringComparer.Ordinal)
            .Select(r => new LeadBehind(r.Fact.LeadId, r.Fact.Name, r.Fact.OwnerRepId, r.Fact.Stage.ToString().ToLowerInvariant(), r.Fact.CreatedAt, r.Met, r.Detail));
    }

    /// <summary>Up to 8 open leads whose customers acted in the last 7 days, most actions first, then the best score.</summary>
    public static IReadOnlyList<LeadBehind> Trusted(IEnumerable<LeadFigures> facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. facts
            .Where(f => f.IsOpen && f.CustomerActions > 0 && f.LastCustomerActionAt is { } at && now - at <= TimeSpan.FromDays(7))
            .OrderByDescending(f => f.CustomerActions).ThenByDescending(f => f.WinProbability ?? 0).ThenBy(f => f.LeadId, StringComparer.Ordinal)
            .Take(8)
            .Select(f => new LeadBehind(f.LeadId, f.Name, f.OwnerRepId, f.Stage.ToString().ToLowerInvariant(), f.CreatedAt, null,
                $"{f.CustomerActions} customer action(s), latest {f.LastCustomerActionAt:u}" + (f.WinProbability is { } p ? $", {(f.ScoreSource == ScoreSources.Points ? "points score" : "win probability")} {p:P0}" : string.Empty)))];
    }

    private static MetricValue Value(DashboardMetric d, IReadOnlyCollection<LeadFigures> facts, DateTimeOffset now, TimeSpan stageLimit)
    {
        double? value;
        int count;
        switch (d.Id)
        {
            case "leads-in-per-minute":
                count = facts.Count(f => now - f.CreatedAt <= TimeSpan.FromHours(1) && f.CreatedAt <= now);
                value = count / 60.0;
                break;
            case "assigned-per-minute":
                count = facts.Count(f => f.AssignedAt is { } a && now - a <= TimeSpan.FromHours(1) && a <= now);
                value = count / 60.0;
                break;
            case "first-response-median" or "first-response-p90":
                var minutes = InWindow(facts, now).Where(f => f.FirstTouchAt is not null).Select(f => (f.FirstTouchAt!.Value - f.CreatedAt).TotalMinutes).Order().ToList();
                count = minutes.Count;
                value = count == 0 ? null : Quantile(minutes, d.Id.EndsWith("p90", StringComparison.Ordinal) ? 0.9 : 0.5);
                break;
            case "unassigned-longest-wait":
                // Leads owed routing (acknowledged before a decision, or left without an owner) wait here until they
                // have one: at peak the number that says whether routing keeps up.
                var waits = facts.Where(f => f.IsOpen && f.OwnerRepId is null).Select(f => Math.Max(0, (now - f.CreatedAt).TotalMinutes)).ToList();
                count = waits.Count;
                value = count == 0 ? null : waits.Max();
                break;
            case "coordination-latency":
                var latencies = InWindow(facts, now).SelectMany(f => f.CoordinationMinutes).Order().ToList();
                count = latencies.Count;
                value = count == 0 ? null : Quantile(latencies, 0.5);
                break;
            case "evidence-rate" or "entered-within-24h":
                var activities = facts.SelectMany(f => f.Activities).Where(a => now - a.LoggedAt <= TimeSpan.FromDays(WindowDays)).ToList();
                count = activities.Count;
                var met = d.Id == "evidence-rate" ? activities.Count(a => a.HasEvidence) : activities.Count(a => a.LoggedAt - a.At <= TimeSpan.FromHours(24));
                value = count == 0 ? null : 100.0 * met / count;
                break;
            default:
                var rows = Rows(d.Id, facts, now, stageLimit).ToList();
                count = rows.Count;
                value = d.Unit == "percent"
                    ? (count == 0 ? null : 100.0 * rows.Count(r => r.Met == true) / count)
                    : count;
                break;
        }

        return new MetricValue(d.Id, value is { } v ? Math.Round(v, 2) : null, d.Unit, count, d.Healthy, d.Alarm, d.HigherIsBetter, State(d, value));
    }

    /// <summary>A value's state under a metric's thresholds: healthy, warning, alarm, info (no thresholds) or no-data.</summary>
    internal static string State(DashboardMetric d, double? value) => value switch
    {
        null => "no-data",
        _ when d.Healthy is null && d.Alarm is null => "info",
        { } v when d.Healthy is { } h && (d.HigherIsBetter ? v >= h : v <= h) => "healthy",
        { } v when d.Alarm is { } a && (d.HigherIsBetter ? v < a : v > a) => "alarm",
        _ => "warning",
    };

    /// <summary>The leads a metric is computed over, each with whether it meets the metric.</summary>
    private static IEnumerable<(LeadFigures Fact, bool? Met, string Detail)> Rows(string metric, IEnumerable<LeadFigures> facts, DateTimeOffset now, TimeSpan stageLimit)
    {
        var window = InWindow(facts, now);
        if (metric.StartsWith("funnel-", StringComparison.Ordinal))
        {
            return facts.Where(f => f.IsOpen && string.Equals(f.Funnel.ToString(), metric["funnel-".Length..], StringComparison.OrdinalIgnoreCase))
                .Select(f => (f, (bool?)null, $"open, owner {f.OwnerRepId ?? "none"}"));
        }

        return metric switch
        {
            "open" => facts.Where(f => f.IsOpen).Select(f => (f, (bool?)null, f.OwnerRepId is null ? "waiting for an owner" : $"with {f.OwnerRepId}" + (IsOverdue(f) ? ", overdue" : string.Empty))),
            "leads-in-per-minute" => facts.Where(f => now - f.CreatedAt <= TimeSpan.FromHours(1)).Select(f => (f, (bool?)null, $"captured {f.CreatedAt:u}")),
            "assigned-per-minute" => facts.Where(f => f.AssignedAt is { } a && now - a <= TimeSpan.FromHours(1)).Select(f => (f, (bool?)null, $"assigned {f.AssignedAt:u} to {f.OwnerRepId}")),
            "unassigned" or "unassigned-longest-wait" => facts.Where(f => f.IsOpen && f.OwnerRepId is null)
                .Select(f => (f, (bool?)null, $"waiting since {f.CreatedAt:u} ({Math.Max(0, (now - f.CreatedAt).TotalMinutes):0.#} min)")),
            "overdue" => facts.Where(f => f.IsOpen && IsOverdue(f)).Select(f => (f, (bool?)null, $"first touch was due {f.FirstTouchDueAt:u}")),
            "escalated" => facts.Where(f => f.IsOpen && f.EscalationLevel > 0).Select(f => (f, (bool?)null, $"escalation level {f.EscalationLevel}")),
            "first-response-median" or "first-response-p90" => window.Where(f => f.FirstTouchAt is not null)
                .Select(f => (f, (bool?)null, $"first touch after {(f.FirstTouchAt!.Value - f.CreatedAt).TotalMinutes:0} min")),
            "touched-within-48h" => window.Where(f => f.FirstTouchAt is not null || now - f.CreatedAt >= Hours48)
                .Select(f => (f, (bool?)(f.FirstTouchAt is { } t && t - f.CreatedAt <= Hours48), f.FirstTouchAt is { } t2 ? $"touched after {(t2 - f.CreatedAt).TotalHours:0.#} h" : "not touched")),
            "touched-within-sla" => window.Where(f => f.FirstTouchDueAt is { } due && (f.FirstTouchAt is not null || now >= due))
                .Select(f => (f, (bool?)(f.FirstTouchAt is { } t && t <= f.FirstTouchDueAt), $"due {f.FirstTouchDueAt:u}, touched {(f.FirstTouchAt is { } t2 ? t2.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never")}")),
            "mql-to-sql-48h" => window.Where(f => f.QualifiedAt is not null || now - f.CreatedAt >= Hours48)
                .Select(f => (f, (bool?)(f.QualifiedAt is { } q && q - f.CreatedAt <= Hours48), f.QualifiedAt is { } q2 ? $"qualified after {(q2 - f.CreatedAt).TotalHours:0.#} h" : "not qualified")),
            "stage-on-time" => window.Where(f => f.QualifiedAt is { } q && (f.DemonstratedAt is not null || now - q >= stageLimit))
                .Select(f => (f, (bool?)(f.DemonstratedAt is { } d && d - f.QualifiedAt!.Value <= stageLimit), f.DemonstratedAt is { } d2 ? $"demonstrated {(d2 - f.QualifiedAt!.Value).TotalDays:0.#} days after qualifying" : "no demo yet")),
            "key-fields-complete" => window.Select(f => (f, (bool?)f.KeyFieldsComplete, f.KeyFieldsComplete ? "phone, company and need given" : "phone, company or need missing")),
            "evidence-rate" => window.Where(f => f.Activities.Count > 0)
                .Select(f => (f, (bool?)f.Activities.All(a => a.HasEvidence), $"{f.Activities.Count(a => a.HasEvidence)} of {f.Activities.Count} activities with evidence")),
            "entered-within-24h" => window.Where(f => f.Activities.Count > 0)
                .Select(f => (f, (bool?)f.Activities.All(a => a.LoggedAt - a.At <= TimeSpan.FromHours(24)), $"{f.Activities.Count(a => a.LoggedAt - a.At <= TimeSpan.FromHours(24))} of {f.Activities.Count} logged within 24 h")),
            "action-continuity" => window.Where(f => f.Activities.Any(a => now - a.At <= TimeSpan.FromDays(30)))
                .Select(f => (f, (bool?)(DistinctTypes30Days(f, now) >= 3), $"{DistinctTypes30Days(f, now)} action type(s) in 30 days")),
            "coordination-latency" => window.Where(f => f.CoordinationMinutes.Count > 0)
                .Select(f => (f, (bool?)(f.CoordinationMinutes.Max() <= 240), $"sales acted {string.Join(", ", f.CoordinationMinutes.Select(m => $"{m:0} min"))} after service flagged")),
            _ => [],
        };
    }

    private static int DistinctTypes30Days(LeadFigures f, DateTimeOffset now) => f.Activities.Where(a => now - a.At <= TimeSpan.FromDays(30)).Select(a => a.Type).Distinct().Count();

    private static bool IsOverdue(LeadFigures f) => f.OverdueAt is not null && f.FirstTouchAt is null;

    private static IEnumerable<LeadFigures> InWindow(IEnumerable<LeadFigures> facts, DateTimeOffset now) => facts.Where(f => now - f.CreatedAt <= TimeSpan.FromDays(WindowDays));

    private static void Count(int[] buckets, DateTimeOffset at, DateTimeOffset first)
    {
        var index = (at.UtcTicks - first.UtcTicks) / TimeSpan.TicksPerMinute;
        if (at.UtcTicks >= first.UtcTicks && index < buckets.Length)
        {
            buckets[index]++;
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    /// <summary>The <paramref name="q"/> quantile of <paramref name="sorted"/> (interpolated), as the metrics compute it.</summary>
    internal static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
