using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmActors.Bench.Routing;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Deadlines;
using CrmActors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace CrmActors.Bench.Deadlines;

/// <summary>
/// The run: the real silo in process on MariaDB; N leads created and assigned with first-touch windows so their
/// deadlines fall evenly over the spread window after every one is armed; then every firing's lateness as the
/// lead grain records it, the silo's memory, and a read of every lead to count how often each deadline fired.
/// </summary>
internal static class DeadlineBench
{
    private const string Tenant = "bench";
    private const double TargetP99Seconds = 5;
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(DeadlineBenchOptions options, TextWriter output, string command)
    {
        var machine = MachineInfo.Collect();
        output.WriteLine("CrmActors.Bench.Deadlines: armed deadlines on one silo (issue 5: 100,000 armed, each fires once, lateness p99 <= 5 s)");
        output.WriteLine($"  command   {command.TrimEnd()} (commit {Commit()})");
        output.WriteLine($"  machine   {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGiB:0.0} GiB, {machine.Os}, {machine.Kernel}, {machine.Architecture}");
        output.WriteLine($"  runtime   {machine.Runtime}, {machine.Gc}, {machine.TieredCompilation}, {machine.Build} build");
        output.WriteLine($"  gen0      DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(runtime default)"}");
        output.WriteLine($"  date      {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        output.WriteLine($"  silo      the product's silo hosting (silo/Hosting) in this process: GroupCommit grain storage and ADO.NET reminders on MariaDB, system clock");
        output.WriteLine();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = options.SiloDirectory, Args = [] });
        // Warnings and errors only: the silo logs every missed deadline at information level.
        builder.Logging.AddFilter("CrmActors", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Orleans", LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCrmSilo();
        await using var app = builder.Build();
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var connection = app.Configuration.GetConnectionString("crm") ?? throw new InvalidOperationException("ConnectionStrings__crm is not set");

        using var lateness = new LatenessProbe();
        using var memory = new MemorySampler();

        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Reps), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, _) =>
            await grains.GetGrain<IRepGrain>(GrainKeys.For(Tenant, RepId(r))).SaveProfileAsync(new RepProfile($"Rep {r}", null, null, 10_000, true)));
        output.WriteLine($"reps      {options.Reps:N0} saved in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        var start = DateTimeOffset.UtcNow;
        var firstDue = start + TimeSpan.FromMinutes(options.ArmMinutes);
        var spread = TimeSpan.FromMinutes(options.SpreadMinutes);
        var armedLate = 0;
        var failed = 0;
        var armed = 0;
        started = Stopwatch.GetTimestamp();
        output.WriteLine($"arming    {options.Deadlines:N0} first-touch deadlines, due {firstDue:HH:mm:ss} to {firstDue + spread:HH:mm:ss} UTC, {options.Parallel} in flight");
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Deadlines), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (i, _) =>
        {
            var lead = grains.GetGrain<ILeadGrain>(GrainKeys.For(Tenant, LeadId(i)));
            var due = firstDue + (spread * i / options.Deadlines);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await lead.CreateAsync(new NewLead($"Lead {i}", $"139{i:D8}", "website_form", null, null, null, null, "bench"));
                    var window = due - DateTimeOffset.UtcNow;
                    if (window < FirstTouchWindow.Minimum)
                    {
                        Interlocked.Increment(ref armedLate);
                        window = FirstTouchWindow.Minimum;
                    }

                    await lead.AssignAsync(new AssignLead(RepId(i % options.Reps), window, "bench"));
                    break;
                }
                catch (Exception ex) when (attempt < 3 && ex is not OutOfMemoryException)
                {
                    await Task.Delay(200 * attempt, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref failed);
                    output.WriteLine($"  lead {i} could not be armed: {ex.Message}");
                    return;
                }
            }

            var done = Interlocked.Increment(ref armed);
            if (done % 10_000 == 0)
            {
                output.WriteLine($"  {done,9:N0} armed in {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s; {memory.Describe()}");
            }
        });
        var armSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var reminders = await ScalarAsync(connection, "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'deadlines'");
        output.WriteLine($"armed     {armed:N0} in {armSeconds:0.0} s ({armed / armSeconds:0} per second; each: lead created, rep read, reminder registered, lead written, rep's open leads written)");
        var atArmed = memory.Describe();
        output.WriteLine($"          {reminders:N0} reminder rows in MariaDB; {atArmed}; armed after their due time: {armedLate:N0}; failed: {failed:N0}");

        if (options.Cold)
        {
            // As if the deadlines were armed hours ago: no lead is in memory, each firing reads its lead from MariaDB.
            started = Stopwatch.GetTimestamp();
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            GC.Collect();
            output.WriteLine($"cold      every idle activation collected in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; {memory.Describe()}");
        }

        var lastDue = firstDue + spread;
        var waitUntil = lastDue + Grace;
        var lastReport = Stopwatch.GetTimestamp();
        while (lateness.Count < armed && DateTimeOffset.UtcNow < waitUntil)
        {
            await Task.Delay(1000);
            if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(15))
            {
                lastReport = Stopwatch.GetTimestamp();
                var due = DueBy(DateTimeOffset.UtcNow, firstDue, spread, options.Deadlines);
                output.WriteLine($"  {DateTimeOffset.UtcNow:HH:mm:ss} due so far {due,9:N0}, fired {lateness.Count,9:N0}, lateness p99 so far {lateness.Percentile(0.99),6:0.00} s; {memory.Describe()}");
            }
        }

        output.WriteLine($"firing    done at {DateTimeOffset.UtcNow:HH:mm:ss} UTC; reading every lead to count its firings");
        var firings = new int[3]; // never, once, more than once
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Deadlines), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var lead = await grains.GetGrain<ILeadGrain>(GrainKeys.For(Tenant, LeadId(i))).GetAsync();
            var fired = lead?.History.Count(e => e.Type == "first-touch-overdue") ?? 0;
            Interlocked.Increment(ref firings[Math.Min(fired, 2)]);
        });
        var (never, once, twice) = (firings[0], firings[1], firings[2]);

        var p99 = lateness.Percentile(0.99);
        output.WriteLine();
        output.WriteLine($"result    armed {armed:N0} (failed {failed:N0}); fired once {once:N0}, never {never:N0}, more than once {twice:N0}; lateness recordings {lateness.Count:N0}");
        output.WriteLine($"          lateness after the due time (the lead grain's histogram): p50 {lateness.Percentile(0.5):0.000} s, p90 {lateness.Percentile(0.9):0.000} s, p99 {p99:0.000} s, max {lateness.Percentile(1):0.000} s");
        output.WriteLine($"          silo process memory: peak working set {memory.PeakWorkingSetMiB:N0} MiB, peak managed heap {memory.PeakHeapMiB:N0} MiB (all {armed:N0} armed: {atArmed})");
        var met = failed == 0 && never == 0 && twice == 0 && armedLate == 0 && p99 <= TargetP99Seconds;
        output.WriteLine($"target    each fires once, p99 <= {TargetP99Seconds} s: {(met ? "met" : "NOT met")}");
        await app.StopAsync();
        return met ? 0 : 1;
    }

    private static string RepId(int r) => $"rep-{r:D5}";

    private static string LeadId(int i) => $"bench-{i:D7}";

    private static int DueBy(DateTimeOffset now, DateTimeOffset firstDue, TimeSpan spread, int count) =>
        now < firstDue ? 0 : now >= firstDue + spread ? count : (int)Math.Min(count, ((now - firstDue) / spread * count) + 1);

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Commit()
    {
        try
        {
            var head = File.ReadAllText(".git/HEAD").Trim();
            return head.StartsWith("ref: ", StringComparison.Ordinal) ? File.ReadAllText(Path.Combine(".git", head[5..])).Trim()[..7] : head[..7];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Listens to the lead grains' lateness histogram (first-touch deadlines only).</summary>
    private sealed class LatenessProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<double> _seconds = new();

        public LatenessProbe()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DeadlineMetrics.MeterName && instrument.Name == DeadlineMetrics.LatenessName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == DeadlineMetrics.KindTag && "first-touch".Equals(tag.Value))
                    {
                        _seconds.Enqueue(value);
                    }
                }
            });
            _listener.Start();
        }

        public int Count => _seconds.Count;

        public double Percentile(double p)
        {
            var sorted = _seconds.ToArray();
            if (sorted.Length == 0)
            {
                return double.NaN;
            }

            Array.Sort(sorted);
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Samples this process's (the silo's) working set and managed heap every second, keeping the peaks.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peakWorkingSet;
        private long _peakHeap;

        public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        public double PeakWorkingSetMiB => Interlocked.Read(ref _peakWorkingSet) / 1048576.0;

        public double PeakHeapMiB => Interlocked.Read(ref _peakHeap) / 1048576.0;

        public string Describe()
        {
            var (workingSet, heap) = Sample();
            return $"working set {workingSet / 1048576.0:N0} MiB, managed heap {heap / 1048576.0:N0} MiB";
        }

        public void Dispose() => _timer.Dispose();

        private (long WorkingSet, long Heap) Sample()
        {
            using var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64;
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
            Max(ref _peakWorkingSet, workingSet);
            Max(ref _peakHeap, heap);
            return (workingSet, heap);
        }

        private static void Max(ref long peak, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
            {
            }
        }
    }
}
