using System.Collections.Concurrent;
using System.Diagnostics;
using MySqlConnector;

namespace CrmActors.Bench;

/// <summary>Settings of the baseline mode.</summary>
public sealed record class BaselineOptions(
    string ConnectionString,
    int Concurrency,
    double DurationSeconds,
    double WarmupSeconds,
    int Seed,
    bool Prepared,
    bool Quiet);

/// <summary>
/// The comparison baseline: what the database does with the same leads when nothing but the plainest
/// durable write stands in between. N workers, each on its own connection, each inserting one row per
/// autocommit statement: no batching, no explicit transaction.
/// </summary>
public sealed class BaselineLoad(BaselineOptions options)
{
    private const string Tenant = "bench";
    private const int MaxSamples = 8;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS bench_baseline (
          id BIGINT AUTO_INCREMENT PRIMARY KEY,
          tenant VARCHAR(64) NOT NULL,
          name VARCHAR(100) NOT NULL,
          phone VARCHAR(32) NOT NULL,
          channel VARCHAR(64) NOT NULL,
          product VARCHAR(200) NULL,
          note VARCHAR(2000) NULL,
          created_at DATETIME(6) NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    private const string Insert = """
        INSERT INTO bench_baseline (tenant, name, phone, channel, product, note, created_at)
        VALUES (@tenant, @name, @phone, @channel, @product, @note, @created_at)
        """;

    private readonly LatencyHistogram _latency = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private RunClock _clock = new(0, 0);
    private Timeline _timeline = new(0);
    private long _inserts, _errors, _insertsAll;

    public async Task<BaselineResult> RunAsync(CancellationToken cancel)
    {
        var builder = new MySqlConnectionStringBuilder(options.ConnectionString)
        {
            // One connection per worker plus the setup one, whatever the default pool size.
            MaximumPoolSize = (uint)Math.Max(100, options.Concurrency + 4),
        };
        var connectionString = builder.ConnectionString;
        await EnsureDatabaseAsync(builder, cancel);

        string serverVersion;
        await using (var setup = new MySqlConnection(connectionString))
        {
            await setup.OpenAsync(cancel);
            // MariaDB announces itself as "5.5.5-10.11.x-MariaDB" for old clients' sake.
            serverVersion = setup.ServerVersion.StartsWith("5.5.5-", StringComparison.Ordinal) ? setup.ServerVersion[6..] : setup.ServerVersion;
            await ExecuteAsync(setup, CreateTable, cancel);
            await ExecuteAsync(setup, "TRUNCATE TABLE bench_baseline", cancel);
        }

        var startedAt = DateTimeOffset.UtcNow;
        var phones = new PhoneSource(options.Seed);
        _clock = new RunClock(options.WarmupSeconds, options.DurationSeconds);
        _timeline = new Timeline(options.WarmupSeconds + options.DurationSeconds);
        using var progressStop = new CancellationTokenSource();
        var progress = options.Quiet ? Task.CompletedTask : ProgressAsync(progressStop.Token);
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(i => Task.Run(() => WorkerAsync(connectionString, new LeadGenerator(phones, new LeadMix(0), HashCode.Combine(options.Seed, i)), cancel), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers);
        await progressStop.CancelAsync();
        await progress;
        cancel.ThrowIfCancellationRequested();

        long rows;
        await using (var check = new MySqlConnection(connectionString))
        {
            await check.OpenAsync(cancel);
            await using var count = new MySqlCommand("SELECT COUNT(*) FROM bench_baseline", check);
            rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new BaselineResult
        {
            Concurrency = options.Concurrency,
            WarmupSeconds = options.WarmupSeconds,
            DurationSeconds = options.DurationSeconds,
            StartedAt = startedAt,
            ServerVersion = serverVersion,
            Prepared = options.Prepared,
            Inserts = _inserts,
            Errors = _errors,
            InsertsPerSecond = Math.Round(_inserts / options.DurationSeconds, 1),
            Latency = _latency.Summary(),
            TableRows = rows,
            InsertsAllPhases = _insertsAll,
            Timeline = _timeline.Snapshot(_clock),
            ErrorSamples = [.. _samples],
        };
    }

    /// <summary>Creates the connection string's database when it does not exist yet (a convenience for ad-hoc runs).</summary>
    private static async Task EnsureDatabaseAsync(MySqlConnectionStringBuilder builder, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new ArgumentException("the connection string must name a Database");
        }

        try
        {
            await using var probe = new MySqlConnection(builder.ConnectionString);
            await probe.OpenAsync(cancel);
            return;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.UnknownDatabase)
        {
            // Create it below.
        }

        var server = new MySqlConnectionStringBuilder(builder.ConnectionString) { Database = "", Pooling = false };
        await using var connection = new MySqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancel);
        var name = builder.Database.Replace("`", "``", StringComparison.Ordinal);
        await ExecuteAsync(connection, $"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4", cancel);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancel);
    }

    private async Task WorkerAsync(string connectionString, LeadGenerator generator, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested && !_clock.Over(Stopwatch.GetTimestamp()))
        {
            try
            {
                await using var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync(cancel);
                await using var command = new MySqlCommand(Insert, connection);
                var tenant = command.Parameters.Add("@tenant", MySqlDbType.VarChar);
                var name = command.Parameters.Add("@name", MySqlDbType.VarChar);
                var phone = command.Parameters.Add("@phone", MySqlDbType.VarChar);
                var channel = command.Parameters.Add("@channel", MySqlDbType.VarChar);
                var product = command.Parameters.Add("@product", MySqlDbType.VarChar);
                var note = command.Parameters.Add("@note", MySqlDbType.VarChar);
                var createdAt = command.Parameters.Add("@created_at", MySqlDbType.DateTime);
                if (options.Prepared)
                {
                    await command.PrepareAsync(cancel);
                }

                tenant.Value = Tenant;
                while (!cancel.IsCancellationRequested)
                {
                    var start = Stopwatch.GetTimestamp();
                    if (_clock.Over(start))
                    {
                        return;
                    }

                    var lead = generator.Next();
                    name.Value = lead.Name;
                    phone.Value = lead.Phone;
                    channel.Value = lead.Channel;
                    product.Value = (object?)lead.ProductInterest ?? DBNull.Value;
                    note.Value = (object?)lead.Note ?? DBNull.Value;
                    createdAt.Value = DateTime.UtcNow;
                    await command.ExecuteNonQueryAsync(cancel);
                    var end = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref _insertsAll);
                    _timeline.Record(_clock, end, true, LatencyHistogram.MicrosBetween(start, end));
                    if (_clock.InWindow(end))
                    {
                        Interlocked.Increment(ref _inserts);
                        _latency.Record(LatencyHistogram.MicrosBetween(start, end));
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (MySqlException ex)
            {
                // Count it, then reconnect: a benchmark should survive a hiccup and say it happened.
                _timeline.Record(_clock, Stopwatch.GetTimestamp(), false, 0);
                if (_clock.InWindow(Stopwatch.GetTimestamp()))
                {
                    Interlocked.Increment(ref _errors);
                }

                if (_samples.Count < MaxSamples)
                {
                    _samples.Enqueue($"{ex.ErrorCode}: {ex.Message}");
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task ProgressAsync(CancellationToken stop)
    {
        long last = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var all = Interlocked.Read(ref _insertsAll);
                var phase = now < _clock.WindowStart ? "warmup" : "measure";
                await Console.Error.WriteLineAsync($"  [{_clock.Elapsed(now),5:0}s {phase,-7}] inserts {Output.N(all)} ({Output.F((all - last) / 5.0, 0)}/s), errors {Output.N(Interlocked.Read(ref _errors))}");
                last = all;
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
    }

    public static void Print(TextWriter writer, BaselineResult r)
    {
        writer.WriteLine();
        writer.WriteLine($"baseline  single-row autocommit INSERT{(r.Prepared ? " (prepared)" : "")}, {r.Concurrency} connections, server {r.ServerVersion}; measured {r.DurationSeconds:0.#} s after {r.WarmupSeconds:0.#} s warmup");
        Output.Table(writer,
        [
            ["result", "count", "per second"],
            ["inserts", Output.N(r.Inserts), Output.F(r.InsertsPerSecond)],
            ["errors", Output.N(r.Errors), ""],
            ["rows in table (all phases)", Output.N(r.TableRows), ""],
        ]);
        Output.Latency(writer, "latency of inserts", r.Latency);
        Timeline.Print(writer, r.Timeline);
        foreach (var sample in r.ErrorSamples)
        {
            writer.WriteLine("    " + sample);
        }
    }
}
