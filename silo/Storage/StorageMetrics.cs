using System.Diagnostics.Metrics;

namespace CrmActors.Silo.Storage;

/// <summary>
/// The grain storage's instruments (meter "CrmActors.Storage"): how many rows each group commit carries and how long it
/// takes, batches that failed, and the grains the wake-up sweep found due. The Grafana dashboard and the alert rules in
/// ops/ query them (as crm_storage_commit_rows, crm_wakeup_due_total, ...).
/// </summary>
public static class StorageMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmActors.Storage";

    /// <summary>The tag naming the storage provider.</summary>
    public const string StorageTag = "storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Grain-state rows written by one group commit (one database round trip).</summary>
    public static Histogram<int> CommitRows { get; } = Meter.CreateHistogram<int>(
        "crm.storage.commit.rows", unit: "{row}", description: "Grain-state rows written by one group commit",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    /// <summary>Seconds one group commit took, from the batch's start to the database's answer.</summary>
    public static Histogram<double> CommitDuration { get; } = Meter.CreateHistogram<double>(
        "crm.storage.commit.duration", unit: "s", description: "Time of one group commit's database round trip");

    /// <summary>Group commits the database refused (every write in them failed and was reported to its grain).</summary>
    public static Counter<long> CommitFailures { get; } = Meter.CreateCounter<long>(
        "crm.storage.commit.failures", description: "Group commits that failed; none of their writes was stored");

    /// <summary>Grains the wake-up sweep found due (their stored deadlines, owed routing or notices).</summary>
    public static Counter<long> WakeUpsDue { get; } = Meter.CreateCounter<long>(
        "crm.wakeup.due", description: "Grains found due by the wake-up sweep and woken");

    /// <summary>Wake-ups that failed (the grain stays due and is tried again by the next sweep).</summary>
    public static Counter<long> WakeUpFailures { get; } = Meter.CreateCounter<long>(
        "crm.wakeup.failures", description: "Wake-ups that failed; the grain stays due");
}
