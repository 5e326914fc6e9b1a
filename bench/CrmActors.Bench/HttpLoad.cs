using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmActors.Bench;

/// <summary>Settings of the http mode.</summary>
public sealed record class HttpLoadOptions(
    Uri Api,
    string Token,
    int Concurrency,
    double DurationSeconds,
    double WarmupSeconds,
    double? Rate,
    int Seed,
    TimeSpan RequestTimeout,
    int MaxInFlight,
    bool HonorRetryAfter,
    bool Quiet);

/// <summary>
/// Drives POST /api/v1/leads. Closed-loop: N workers, each sends its next request when the previous one
/// has answered. Open-loop (a rate): requests are scheduled by the clock, and latency runs from the
/// intended send time, so a stalled server is charged for the requests it kept waiting (no coordinated
/// omission).
/// </summary>
public sealed class HttpLoad : IDisposable
{
    private const double DuplicateShare = 0.03;
    private const double KeyedShare = 0.20;
    private const double RetryShare = 0.02;
    private const int MaxSamples = 8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpLoadOptions _options;
    private readonly HttpClient _client;
    private readonly Uri _leads;
    private readonly PhoneSource _phones;
    private readonly Planned?[] _keyed = new Planned?[1024];
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();
    private readonly ConcurrentDictionary<string, long> _samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _retryAfterValues = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _latency = new();
    private Timeline _timeline = new(0);
    private RunClock _clock = new(0, 0);
    private long _keyedCount;
    private long _createdWithOwner;

    // Inside the measured window.
    private long _completed, _accepted, _created, _ok, _backpressure, _retryAfterSeen, _client4xx, _server5xx;
    private long _transport, _timeouts, _unfinished, _saturated, _withKey, _retries, _duplicates, _sentInWindow;

    // Whole run, for the progress line.
    private long _acceptedAll, _failedAll, _inFlight;

    public HttpLoad(HttpLoadOptions options)
    {
        _options = options;
        _phones = new PhoneSource(options.Seed);
        var baseUri = options.Api.AbsoluteUri.EndsWith('/') ? options.Api : new Uri(options.Api.AbsoluteUri + "/");
        _leads = new Uri(baseUri, "api/v1/leads");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(options.Concurrency, 1),
            PooledConnectionLifetime = TimeSpan.FromHours(1),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("CrmActors.Bench/1.0");
    }

    public void Dispose() => _client.Dispose();

    public async Task<HttpResult> RunAsync(CancellationToken cancel)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _clock = new RunClock(_options.WarmupSeconds, _options.DurationSeconds);
        _timeline = new Timeline(_options.WarmupSeconds + _options.DurationSeconds);
        using var progressStop = new CancellationTokenSource();
        var progress = _options.Quiet ? Task.CompletedTask : ProgressAsync(progressStop.Token);

        if (_options.Rate is { } rate)
        {
            await OpenLoopAsync(rate, hard, cancel);
        }
        else
        {
            var workers = Enumerable.Range(0, _options.Concurrency)
                .Select(i => Task.Run(() => WorkerAsync(new LeadGenerator(_phones, new LeadMix(DuplicateShare), HashCode.Combine(_options.Seed, i)), hard.Token), CancellationToken.None))
                .ToArray();
            await DrainAsync(Task.WhenAll(workers), hard);
        }

        await progressStop.CancelAsync();
        await progress;
        cancel.ThrowIfCancellationRequested();

        var seconds = _options.DurationSeconds;
        return new HttpResult
        {
            Api = _options.Api.AbsoluteUri,
            Concurrency = _options.Concurrency,
            TargetRate = _options.Rate,
            WarmupSeconds = _options.WarmupSeconds,
            DurationSeconds = seconds,
            Seed = _options.Seed,
            StartedAt = startedAt,
            Completed = _completed,
            Accepted = _accepted,
            Created201 = _created,
            Created201WithOwner = _createdWithOwner,
            Ok200 = _ok,
            Backpressure = _backpressure,
            RetryAfterSeen = _retryAfterSeen,
            RetryAfterValues = [.. _retryAfterValues.Keys.Order(StringComparer.Ordinal)],
            ClientErrors = _client4xx,
            ServerErrors = _server5xx,
            TransportErrors = _transport,
            Timeouts = _timeouts,
            UnfinishedAtEnd = _unfinished,
            ClientSaturated = _saturated,
            StatusCodes = _statusCodes.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            AcceptedPerSecond = Math.Round(_accepted / seconds, 1),
            CompletedPerSecond = Math.Round(_completed / seconds, 1),
            AchievedSendRate = _options.Rate is null ? null : Math.Round(_sentInWindow / seconds, 1),
            Latency = _latency.Summary(),
            IdempotencyKeyed = _withKey,
            IdempotentRetries = _retries,
            DuplicatePhones = _duplicates,
            Timeline = _timeline.Snapshot(_clock),
            ErrorSamples = [.. _samples.OrderByDescending(kv => kv.Value).Select(kv => $"{Output.N(kv.Value)} x {kv.Key}")],
        };
    }

    /// <summary>Waits for the workers after the window closed; cancels what is still open after a grace period.</summary>
    private async Task DrainAsync(Task all, CancellationTokenSource hard)
    {
        var grace = _clock.UntilEnd() + TimeSpan.FromSeconds(Math.Min(5, _options.RequestTimeout.TotalSeconds));
        if (await Task.WhenAny(all, Task.Delay(grace, CancellationToken.None)) != all)
        {
            await hard.CancelAsync();
        }

        try
        {
            await all;
        }
        catch (OperationCanceledException)
        {
            // Counted as unfinished by each request.
        }
    }

    private async Task WorkerAsync(LeadGenerator generator, CancellationToken hard)
    {
        while (!hard.IsCancellationRequested)
        {
            var planned = Plan(generator);
            var now = Stopwatch.GetTimestamp();
            if (_clock.Over(now))
            {
                return;
            }

            Interlocked.Increment(ref _inFlight);
            var pause = await SendAsync(planned, now, hard);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, hard).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Open loop: a dedicated thread wakes about every millisecond and hands every request whose intended
    /// send time has come to the thread pool; each request's latency counts from its intended time.
    /// </summary>
    private async Task OpenLoopAsync(double rate, CancellationTokenSource hard, CancellationToken cancel)
    {
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Schedule(rate, hard.Token, cancel);
                scheduled.SetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                scheduled.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        await scheduled.Task;

        var grace = Stopwatch.GetTimestamp() + (long)(Math.Min(5, _options.RequestTimeout.TotalSeconds) * Stopwatch.Frequency);
        var cancelled = false;
        while (Interlocked.Read(ref _inFlight) > 0)
        {
            if (!cancelled && Stopwatch.GetTimestamp() > grace)
            {
                await hard.CancelAsync();
                cancelled = true;
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    private void Schedule(double rate, CancellationToken hard, CancellationToken cancel)
    {
        var generator = new LeadGenerator(_phones, new LeadMix(DuplicateShare), _options.Seed);
        var ticksPerRequest = Stopwatch.Frequency / rate;
        long sent = 0;
        while (!cancel.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var intended = _clock.Start + (long)(sent * ticksPerRequest);
            if (_clock.Over(intended))
            {
                return;
            }

            if (intended > now)
            {
                Thread.Sleep(1);
                continue;
            }

            sent++;
            var measured = _clock.InWindow(intended);
            if (measured)
            {
                _sentInWindow++;
            }

            if (Interlocked.Read(ref _inFlight) >= _options.MaxInFlight)
            {
                // The client itself cannot keep up; say so rather than queue without bound.
                if (measured)
                {
                    _saturated++;
                }

                continue;
            }

            var planned = Plan(generator);
            Interlocked.Increment(ref _inFlight);
            ThreadPool.UnsafeQueueUserWorkItem(
                static state => _ = state.Load.SendAsync(state.Planned, state.Intended, state.Hard),
                (Load: this, Planned: planned, Intended: intended, Hard: hard),
                preferLocal: false);
        }
    }

    private Planned Plan(LeadGenerator generator)
    {
        var rng = generator.Random;
        if (rng.NextDouble() < RetryShare)
        {
            var known = Interlocked.Read(ref _keyedCount);
            if (known > 0 && Volatile.Read(ref _keyed[rng.NextInt64(Math.Min(known, _keyed.Length))]) is { } earlier)
            {
                return earlier with { IsRetry = true };
            }
        }

        var lead = generator.Next();
        var key = rng.NextDouble() < KeyedShare ? Guid.NewGuid().ToString() : null;
        return new Planned(Serialize(lead), key, lead.DuplicatePhone, false);
    }

    private static byte[] Serialize(Lead lead)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("name", lead.Name);
            json.WriteString("phone", lead.Phone);
            json.WriteString("channel", lead.Channel);
            if (lead.ProductInterest is { } product)
            {
                json.WriteString("productInterest", product);
            }

            if (lead.Note is { } note)
            {
                json.WriteString("note", note);
            }

            if (lead.Email is { } email)
            {
                json.WriteString("email", email);
            }

            if (lead.Company is { } company)
            {
                json.WriteString("company", company);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Sends one request (the caller has counted it in flight) and says how long a closed-loop worker should
    /// pause: 100 ms after a transport error (no hot loop against a dead port), the server's Retry-After
    /// (at most 5 s) after backpressure when --honor-retry-after is on, else nothing.
    /// </summary>
    private async Task<TimeSpan> SendAsync(Planned planned, long intended, CancellationToken hard)
    {
        var status = 0;
        var outcome = Outcome.Transport;
        string? retryAfter = null;
        string? detail = null;
        var owned = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _leads);
            request.Content = new ByteArrayContent(planned.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (planned.IdempotencyKey is { } key)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(hard);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                if (status == 201)
                {
                    // A lead routed before the answer names its owner in it.
                    owned = (await response.Content.ReadAsStringAsync(timeout.Token)).Contains("\"ownerRepId\":\"", StringComparison.Ordinal);
                    outcome = Outcome.Accepted;
                }
                else if (status is >= 200 and < 300)
                {
                    await response.Content.CopyToAsync(Stream.Null, timeout.Token);
                    outcome = Outcome.Accepted;
                }
                else
                {
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    outcome = status switch
                    {
                        429 or 503 => Outcome.Backpressure,
                        >= 400 and < 500 => Outcome.ClientError,
                        _ => Outcome.ServerError,
                    };
                    if (outcome == Outcome.Backpressure && response.Headers.TryGetValues("Retry-After", out var values))
                    {
                        retryAfter = string.Join(",", values);
                    }

                    detail = $"{status} {(body.Length > 300 ? body[..300] + "..." : body)}";
                }
            }
            catch (OperationCanceledException) when (hard.IsCancellationRequested)
            {
                outcome = Outcome.Unfinished;
            }
            catch (OperationCanceledException)
            {
                outcome = Outcome.Timeout;
                detail = $"timeout after {_options.RequestTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException ex)
            {
                outcome = Outcome.Transport;
                detail = $"transport: {ex.HttpRequestError}: {ex.Message}";
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        var end = Stopwatch.GetTimestamp();
        Count(planned, intended, end, status, outcome, retryAfter, detail, owned);
        if (outcome == Outcome.Accepted && planned.IdempotencyKey is not null && !planned.IsRetry)
        {
            var slot = Interlocked.Increment(ref _keyedCount) - 1;
            Volatile.Write(ref _keyed[slot % _keyed.Length], planned);
        }

        return outcome switch
        {
            Outcome.Transport => TimeSpan.FromMilliseconds(100),
            Outcome.Backpressure when _options.HonorRetryAfter => RetryAfterDelay(retryAfter),
            _ => TimeSpan.Zero,
        };
    }

    private static TimeSpan RetryAfterDelay(string? retryAfter) =>
        int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 5))
            : TimeSpan.FromSeconds(1);

    private void Count(Planned planned, long intended, long end, int status, Outcome outcome, string? retryAfter, string? detail, bool owned)
    {
        _timeline.Record(_clock, end, outcome == Outcome.Accepted, outcome == Outcome.Accepted ? LatencyHistogram.MicrosBetween(intended, end) : 0);
        if (outcome == Outcome.Accepted)
        {
            Interlocked.Increment(ref _acceptedAll);
        }
        else if (outcome != Outcome.Unfinished)
        {
            Interlocked.Increment(ref _failedAll);
        }

        if (outcome == Outcome.Unfinished)
        {
            if (_clock.InWindow(intended))
            {
                Interlocked.Increment(ref _unfinished);
            }

            return;
        }

        if (!_clock.InWindow(end))
        {
            return;
        }

        Interlocked.Increment(ref _completed);
        if (status != 0)
        {
            _statusCodes.AddOrUpdate(status, 1, (_, n) => n + 1);
        }

        if (planned.IdempotencyKey is not null)
        {
            Interlocked.Increment(ref _withKey);
        }

        if (planned.IsRetry)
        {
            Interlocked.Increment(ref _retries);
        }

        if (planned.DuplicatePhone)
        {
            Interlocked.Increment(ref _duplicates);
        }

        switch (outcome)
        {
            case Outcome.Accepted:
                Interlocked.Increment(ref _accepted);
                if (status == 201)
                {
                    Interlocked.Increment(ref _created);
                    if (owned)
                    {
                        Interlocked.Increment(ref _createdWithOwner);
                    }
                }
                else if (status == 200)
                {
                    Interlocked.Increment(ref _ok);
                }

                _latency.Record(LatencyHistogram.MicrosBetween(intended, end));
                break;
            case Outcome.Backpressure:
                Interlocked.Increment(ref _backpressure);
                if (retryAfter is not null)
                {
                    Interlocked.Increment(ref _retryAfterSeen);
                    if (_retryAfterValues.Count < 10)
                    {
                        _retryAfterValues.TryAdd(retryAfter, 0);
                    }
                }

                break;
            case Outcome.ClientError:
                Interlocked.Increment(ref _client4xx);
                break;
            case Outcome.ServerError:
                Interlocked.Increment(ref _server5xx);
                break;
            case Outcome.Timeout:
                Interlocked.Increment(ref _timeouts);
                break;
            default:
                Interlocked.Increment(ref _transport);
                break;
        }

        if (detail is not null && (_samples.Count < MaxSamples || _samples.ContainsKey(detail)))
        {
            _samples.AddOrUpdate(detail, 1, (_, n) => n + 1);
        }
    }

    private async Task ProgressAsync(CancellationToken stop)
    {
        long lastAccepted = 0;
        var last = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var accepted = Interlocked.Read(ref _acceptedAll);
                var rate = (accepted - lastAccepted) / ((now - last) / (double)Stopwatch.Frequency);
                var phase = now < _clock.WindowStart ? "warmup" : _clock.Over(now) ? "drain" : "measure";
                await Console.Error.WriteLineAsync(
                    $"  [{_clock.Elapsed(now),5:0}s {phase,-7}] accepted {Output.N(accepted)} ({Output.F(rate, 0)}/s), failed {Output.N(Interlocked.Read(ref _failedAll))}, in flight {Interlocked.Read(ref _inFlight)}");
                lastAccepted = accepted;
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
    }

    public static void Print(TextWriter writer, HttpResult r)
    {
        writer.WriteLine();
        var loop = r.TargetRate is { } rate
            ? $"open loop at {Output.F(rate, 0)} req/s (achieved send rate {Output.F(r.AchievedSendRate ?? 0, 0)}/s), up to {r.Concurrency} connections"
            : $"closed loop, {r.Concurrency} workers";
        writer.WriteLine($"http  POST {r.Api.TrimEnd('/')}/api/v1/leads  {loop}; measured {r.DurationSeconds:0.#} s after {r.WarmupSeconds:0.#} s warmup");
        Output.Table(writer,
        [
            ["result", "count", "per second"],
            ["accepted (2xx)", Output.N(r.Accepted), Output.F(r.AcceptedPerSecond)],
            ["  201 created", Output.N(r.Created201), ""],
            ["  201 naming the owner", Output.N(r.Created201WithOwner), r.Created201 == 0 ? "" : $"{100.0 * r.Created201WithOwner / r.Created201:0.0}% (routed before the answer)"],
            ["  200 ok (replay/duplicate)", Output.N(r.Ok200), ""],
            ["backpressure (429/503)", Output.N(r.Backpressure), r.RetryAfterSeen > 0 ? $"Retry-After on {Output.N(r.RetryAfterSeen)}: {string.Join(" ", r.RetryAfterValues)}" : ""],
            ["other 4xx", Output.N(r.ClientErrors), ""],
            ["other 5xx", Output.N(r.ServerErrors), ""],
            ["transport errors", Output.N(r.TransportErrors), ""],
            ["timeouts", Output.N(r.Timeouts), ""],
            ["unfinished at end", Output.N(r.UnfinishedAtEnd), ""],
            .. r.ClientSaturated > 0 ? new[] { new[] { "not sent (client saturated)", Output.N(r.ClientSaturated), "" } } : [],
            ["all completed", Output.N(r.Completed), Output.F(r.CompletedPerSecond)],
        ]);
        writer.WriteLine($"  status codes: {(r.StatusCodes.Count == 0 ? "none" : string.Join(", ", r.StatusCodes.Select(kv => $"{kv.Key}={Output.N(kv.Value)}")))}");
        writer.WriteLine($"  mix: {Output.N(r.IdempotencyKeyed)} with Idempotency-Key, {Output.N(r.IdempotentRetries)} idempotent retries, {Output.N(r.DuplicatePhones)} duplicate phones");
        Output.Latency(writer, r.TargetRate is null ? "latency of accepted" : "latency of accepted, from intended send time", r.Latency);
        Timeline.Print(writer, r.Timeline);
        if (r.ErrorSamples.Count > 0)
        {
            writer.WriteLine("  error samples:");
            foreach (var sample in r.ErrorSamples)
            {
                writer.WriteLine("    " + sample.ReplaceLineEndings(" "));
            }
        }
    }

    private enum Outcome
    {
        Accepted,
        Backpressure,
        ClientError,
        ServerError,
        Transport,
        Timeout,
        Unfinished,
    }

    private sealed record class Planned(byte[] Body, string? IdempotencyKey, bool DuplicatePhone, bool IsRetry);
}
