using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.Bench;

/// <summary>The numbers of one http run (closed- or open-loop), as printed and as written with --json.</summary>
public sealed class HttpResult
{
    public string Mode { get; init; } = "http";
    public string Api { get; init; } = "";
    public int Concurrency { get; init; }
    public double? TargetRate { get; init; }
    public double WarmupSeconds { get; init; }
    public double DurationSeconds { get; init; }
    public int Seed { get; init; }
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Responses (or failures) that completed inside the measured window.</summary>
    public long Completed { get; init; }
    public long Accepted { get; init; }
    public long Created201 { get; init; }

    /// <summary>201 answers that named the lead's owner: leads routed (owner and deadline stored) before the answer.</summary>
    public long Created201WithOwner { get; init; }
    public long Ok200 { get; init; }
    public long Backpressure { get; init; }
    public long RetryAfterSeen { get; init; }
    public IReadOnlyList<string> RetryAfterValues { get; init; } = [];
    public long ClientErrors { get; init; }
    public long ServerErrors { get; init; }
    public long TransportErrors { get; init; }
    public long Timeouts { get; init; }
    public long UnfinishedAtEnd { get; init; }
    public long ClientSaturated { get; init; }
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();

    public double AcceptedPerSecond { get; init; }
    public double CompletedPerSecond { get; init; }
    public double? AchievedSendRate { get; init; }
    public LatencySummary Latency { get; init; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public long IdempotencyKeyed { get; init; }
    public long IdempotentRetries { get; init; }
    public long DuplicatePhones { get; init; }
    public IReadOnlyList<TimelineSecond> Timeline { get; init; } = [];
    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}

/// <summary>The numbers of one baseline run.</summary>
public sealed class BaselineResult
{
    public string Mode { get; init; } = "baseline";
    public int Concurrency { get; init; }
    public double WarmupSeconds { get; init; }
    public double DurationSeconds { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string ServerVersion { get; init; } = "";
    public bool Prepared { get; init; }
    public long Inserts { get; init; }
    public long Errors { get; init; }
    public double InsertsPerSecond { get; init; }
    public LatencySummary Latency { get; init; } = new(0, 0, 0, 0, 0, 0, 0, 0);
    public long TableRows { get; init; }
    public long InsertsAllPhases { get; init; }
    public IReadOnlyList<TimelineSecond> Timeline { get; init; } = [];
    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}

/// <summary>The numbers of one import run.</summary>
public sealed class ImportResult
{
    public string Mode { get; init; } = "import";
    public string File { get; init; } = "";
    public double FileMegabytes { get; init; }
    public string Status { get; init; } = "";
    public string? Location { get; init; }
    public long RowsRead { get; init; }
    public long Accepted { get; init; }
    public long Duplicates { get; init; }
    public long Rejected { get; init; }
    public double UploadSeconds { get; init; }
    public double TotalSeconds { get; init; }
    public double RowsPerSecond { get; init; }
    public int? Pid { get; init; }
    public double? RssBeforeMegabytes { get; init; }
    public double? PeakRssMegabytes { get; init; }
    public double? VmHwmMegabytes { get; init; }
    public int RssSamples { get; init; }
    public string? FinalBody { get; init; }
}

/// <summary>One second of a run: what completed in it (warmup seconds included, marked).</summary>
public sealed record class TimelineSecond(int Second, bool Measured, long Ok, long Failed, double MeanMs, double MaxMs);

/// <summary>Per-second counts and latencies over the whole run, to spot stalls that percentiles hide.</summary>
public sealed class Timeline
{
    private readonly long[] _ok;
    private readonly long[] _failed;
    private readonly long[] _sumMicros;
    private readonly long[] _maxMicros;

    public Timeline(double seconds)
    {
        var slots = (int)Math.Ceiling(seconds) + 1;
        _ok = new long[slots];
        _failed = new long[slots];
        _sumMicros = new long[slots];
        _maxMicros = new long[slots];
    }

    public void Record(RunClock clock, long timestamp, bool ok, long micros)
    {
        var slot = (int)clock.Elapsed(timestamp);
        if (slot < 0 || slot >= _ok.Length)
        {
            return;
        }

        if (!ok)
        {
            Interlocked.Increment(ref _failed[slot]);
            return;
        }

        Interlocked.Increment(ref _ok[slot]);
        Interlocked.Add(ref _sumMicros[slot], micros);
        var max = Interlocked.Read(ref _maxMicros[slot]);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros[slot], micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public IReadOnlyList<TimelineSecond> Snapshot(RunClock clock)
    {
        var warmup = (clock.WindowStart - clock.Start) / (double)Stopwatch.Frequency;
        var end = (clock.WindowEnd - clock.Start) / (double)Stopwatch.Frequency;
        var seconds = new List<TimelineSecond>(_ok.Length);
        for (var i = 0; i < _ok.Length; i++)
        {
            var ok = Interlocked.Read(ref _ok[i]);
            var failed = Interlocked.Read(ref _failed[i]);
            if (ok == 0 && failed == 0 && i == _ok.Length - 1)
            {
                break;
            }

            var mean = ok == 0 ? 0 : Interlocked.Read(ref _sumMicros[i]) / (double)ok / 1000.0;
            seconds.Add(new TimelineSecond(i, i >= warmup && i + 1 <= end + 1e-9, ok, failed, Math.Round(mean, 2), Math.Round(Interlocked.Read(ref _maxMicros[i]) / 1000.0, 2)));
        }

        return seconds;
    }

    /// <summary>Prints the measured seconds compactly: ok/s and max latency each.</summary>
    public static void Print(TextWriter writer, IReadOnlyList<TimelineSecond> timeline)
    {
        var measured = timeline.Where(t => t.Measured).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        writer.WriteLine("  per measured second, ok/s | max ms" + (measured.Any(t => t.Failed > 0) ? " | failed" : "") + ":");
        for (var i = 0; i < measured.Count; i += 6)
        {
            writer.WriteLine("    " + string.Join("   ", measured.Skip(i).Take(6).Select(t =>
                $"{t.Second,3}s {Output.N(t.Ok),6} | {Output.F(t.MaxMs, 0),5}" + (t.Failed > 0 ? $" | {Output.N(t.Failed)}" : ""))));
        }
    }
}

/// <summary>The measured window of a run: warmup first, then the measured seconds.</summary>
public sealed class RunClock
{
    public RunClock(double warmupSeconds, double durationSeconds)
    {
        Start = Stopwatch.GetTimestamp();
        WindowStart = Start + (long)(warmupSeconds * Stopwatch.Frequency);
        WindowEnd = WindowStart + (long)(durationSeconds * Stopwatch.Frequency);
    }

    public long Start { get; }
    public long WindowStart { get; }
    public long WindowEnd { get; }

    public bool InWindow(long timestamp) => timestamp >= WindowStart && timestamp < WindowEnd;

    public bool Over(long timestamp) => timestamp >= WindowEnd;

    public double Elapsed(long timestamp) => (timestamp - Start) / (double)Stopwatch.Frequency;

    public TimeSpan UntilEnd() => TimeSpan.FromSeconds(Math.Max(0, (WindowEnd - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
}

internal static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string F(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static async Task WriteJsonAsync<T>(string? path, T value)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var stream = File.Create(full);
        await JsonSerializer.SerializeAsync(stream, value, Json);
    }

    public static async Task<T?> ReadJsonAsync<T>(string path)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json);
    }

    /// <summary>Prints rows as an aligned text table; the first row is the header.</summary>
    public static void Table(TextWriter writer, IReadOnlyList<string[]> rows, int rightAlignFrom = 1)
    {
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], DisplayWidth(row[i]));
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var cells = new string[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var pad = new string(' ', widths[i] - DisplayWidth(row[i]));
                cells[i] = i >= rightAlignFrom ? pad + row[i] : row[i] + pad;
            }

            writer.WriteLine("  " + string.Join("  ", cells).TrimEnd());
            if (r == 0)
            {
                writer.WriteLine("  " + new string('-', widths.Sum() + (2 * (widths.Length - 1))));
            }
        }
    }

    /// <summary>Terminal columns: CJK characters take two.</summary>
    private static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += c is >= '\u1100' and (<= '\u115F' or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFF60')) ? 2 : 1;
        }

        return width;
    }

    public static void Latency(TextWriter writer, string label, LatencySummary l)
    {
        Table(writer,
        [
            [label, "count", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"],
            ["ms", N(l.Count), F(l.MeanMs, 2), F(l.P50Ms, 2), F(l.P90Ms, 2), F(l.P95Ms, 2), F(l.P99Ms, 2), F(l.P999Ms, 2), F(l.MaxMs, 2)],
        ]);
    }
}
