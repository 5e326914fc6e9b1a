using System.Diagnostics;

namespace CrmActors.Bench.Routing;

/// <summary>Percentiles of individual decision times, in microseconds (nearest rank).</summary>
internal sealed record class LatencySummary(int Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary From(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Micros(sorted.Average(t => (double)t)),
            Micros(At(sorted, 50)),
            Micros(At(sorted, 90)),
            Micros(At(sorted, 99)),
            Micros(At(sorted, 99.9)),
            Micros(sorted[^1]));
    }

    public static double Micros(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static long At(long[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
