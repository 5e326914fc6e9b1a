using System.Diagnostics;
using System.Numerics;

namespace CrmActors.Bench;

/// <summary>
/// A fixed-size log-linear histogram of latencies in microseconds, in the spirit of HdrHistogram:
/// exact below 1,024 µs, then 512 sub-buckets per power of two (a relative error under 0.2%) up to
/// about two hours. Recording is lock-free and safe from any thread; memory is ~100 KB whatever the
/// number of requests.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearBuckets = 1024;
    private const int SubBuckets = 512;
    private const int SubBucketBits = 9;
    private const int Octaves = 23; // 2^10 .. 2^33 µs
    private readonly long[] _counts = new long[LinearBuckets + (Octaves * SubBuckets)];
    private long _count;
    private long _sumMicros;
    private long _maxMicros;

    public static readonly long MaxTrackableMicros = (1L << (10 + Octaves)) - 1;

    public long Count => Interlocked.Read(ref _count);

    public static long MicrosBetween(long startTimestamp, long endTimestamp) =>
        Math.Max(0, (endTimestamp - startTimestamp) * 1_000_000 / Stopwatch.Frequency);

    public void Record(long micros)
    {
        micros = Math.Clamp(micros, 0, MaxTrackableMicros);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, micros);
        var max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The latency at or below which <paramref name="percent"/> of the recorded values lie, in ms.</summary>
    public double PercentileMs(double percent)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Interlocked.Read(ref _maxMicros)) / 1000.0;
            }
        }

        return MaxMs;
    }

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public double MeanMs => Count == 0 ? 0 : Interlocked.Read(ref _sumMicros) / (double)Count / 1000.0;

    public LatencySummary Summary() => new(
        Count, Round(MeanMs), Round(PercentileMs(50)), Round(PercentileMs(90)), Round(PercentileMs(95)),
        Round(PercentileMs(99)), Round(PercentileMs(99.9)), Round(MaxMs));

    private static double Round(double ms) => Math.Round(ms, 3);

    private static int IndexOf(long micros)
    {
        if (micros < LinearBuckets)
        {
            return (int)micros;
        }

        var shift = BitOperations.Log2((ulong)micros) - SubBucketBits; // >= 1
        var sub = (int)(micros >> shift) - SubBuckets;                  // 0 .. 511
        return LinearBuckets + ((shift - 1) * SubBuckets) + sub;
    }

    private static long HighestEquivalent(int index)
    {
        if (index < LinearBuckets)
        {
            return index;
        }

        var shift = ((index - LinearBuckets) / SubBuckets) + 1;
        var sub = ((index - LinearBuckets) % SubBuckets) + SubBuckets;
        return (((long)sub + 1) << shift) - 1;
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record class LatencySummary(
    long Count, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double P999Ms, double MaxMs);
