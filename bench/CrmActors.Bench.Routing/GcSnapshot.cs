namespace CrmActors.Bench.Routing;

/// <summary>Process-wide GC counters at one moment.</summary>
internal readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcSnapshot Take() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>Collects everything left by set-up and warm-up, so a run starts from a clean heap.</summary>
    public static GcSnapshot AfterFullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Take();
    }
}
