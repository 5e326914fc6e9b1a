using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.Integration.Tests.Processes;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// A sustained intake run the way a well-behaved client submits: every lead has its own phone and an
/// Idempotency-Key, and a submission that did not get a 2xx is retried with the same key (after Retry-After when
/// the API sent one) until it is acknowledged. It records what was acknowledged and every answer on the way.
/// </summary>
public sealed class IntakeLoad(IReadOnlyList<HttpClient> clients, string runId)
{
    private readonly ConcurrentDictionary<string, Acknowledged> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentBag<TimeSpan> _retryAfters = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _submitted;
    private int _retries;
    private int _unacknowledged;

    /// <summary>A load through one web API.</summary>
    public IntakeLoad(HttpClient client, string runId)
        : this([client], runId)
    {
    }

    /// <summary>Every acknowledged submission by idempotency key.</summary>
    public IReadOnlyDictionary<string, Acknowledged> AcknowledgedByKey => _acknowledged;

    /// <summary>Submissions started (each retried until acknowledged or the run's grace ends).</summary>
    public int Submitted => _submitted;

    /// <summary>Attempts after the first.</summary>
    public int Retries => _retries;

    /// <summary>Acknowledged leads that <see cref="MissingAsync"/> found without an owner.</summary>
    public int Unassigned { get; private set; }

    /// <summary>How long the last <see cref="MissingAsync"/> took (reported: it is most of a fault run's time).</summary>
    public TimeSpan ReadBackTime { get; private set; }

    /// <summary>Submissions still not acknowledged when the grace period ended.</summary>
    public int Unacknowledged => _unacknowledged;

    /// <summary>Answers by status ("503", "201", or "transport:refused|closed|timeout|other" when none came).</summary>
    public IReadOnlyDictionary<string, int> Statuses => _statuses;

    /// <summary>503s that carried Retry-After.</summary>
    public int RetryAfterCount => _retryAfters.Count;

    /// <summary>Answers with a status of 500 or above other than 503 (must be none).</summary>
    public int ServerErrorsOtherThan503 => _statuses.Where(s => int.TryParse(s.Key, out var code) && code >= 500 && code != 503).Sum(s => s.Value);

    /// <summary>When (since the run started) each answer came, for recovery times.</summary>
    public ConcurrentQueue<(TimeSpan At, string Status)> Timeline { get; } = new();

    /// <summary>Time since the load object was made.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>How many distinct lead ids the acknowledgements named (one per submission when nothing was doubled).</summary>
    public int DistinctLeadIds => _acknowledged.Values.Select(a => a.LeadId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>How many reads <see cref="MissingAsync"/> and <see cref="ForEachLeadAsync"/> keep in flight.</summary>
    public const int Readers = 16;

    /// <summary>
    /// Reads every acknowledged lead back through the API (<see cref="Readers"/> at a time): a line for each one not
    /// found, or found with another phone, in acknowledgement-key order. Counts the ones without an owner
    /// (<see cref="Unassigned"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAsync(HttpClient reader)
    {
        var missing = new ConcurrentBag<(string Key, string Line)>();
        var unassigned = 0;
        var started = Stopwatch.StartNew();
        await ForEachLeadAsync(_acknowledged.Values, async ack =>
        {
            try
            {
                var lead = await Api.GetAsync(reader, $"api/v1/leads/{ack.LeadId}");
                if (lead.GetProperty("ownerRepId").ValueKind == JsonValueKind.Null)
                {
                    Interlocked.Increment(ref unassigned);
                }

                var phone = lead.GetProperty("phone").GetString();
                if (phone != $"+86{ack.Phone}" && phone != ack.Phone)
                {
                    missing.Add((ack.LeadId, $"{ack.LeadId}: phone {phone}, submitted {ack.Phone}"));
                }
            }
            catch (Xunit.Sdk.XunitException e)
            {
                missing.Add((ack.LeadId, $"{ack.LeadId}: {e.Message}"));
            }
        });

        Unassigned = unassigned;
        ReadBackTime = started.Elapsed;
        return [.. missing.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Line)];
    }

    /// <summary>
    /// Runs <paramref name="read"/> for each of <paramref name="leads"/>, <see cref="Readers"/> at a time: a read-back
    /// of tens of thousands of leads one by one took minutes of the suite, most of it waiting on single round trips.
    /// </summary>
    public static Task ForEachLeadAsync(IEnumerable<Acknowledged> leads, Func<Acknowledged, Task> read) =>
        Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = Readers }, async (ack, _) => await read(ack));

    /// <summary>
    /// Lead and customer rows in crm_grain_state. A lead routed at capture lives in its customer's row until its actor
    /// first starts (its deadline, or a read such as <see cref="MissingAsync"/>) and adopts the routing, writing its own
    /// row; a lead left unassigned has nothing to write. The lead rows are given up to 30 s to reach the acknowledged count.
    /// </summary>
    public async Task<(int Leads, int Customers)> StoredRowsAsync(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var leads = 0;
        for (var i = 0; i < 60 && (leads = await deployment.CountAsync("SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'lead'")) < _acknowledged.Count; i++)
        {
            await Task.Delay(500);
        }

        return (leads, await deployment.CountAsync("SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'customer'"));
    }

    /// <summary>Runs <paramref name="workers"/> closed-loop submitters for <paramref name="duration"/>; started submissions keep retrying for up to <paramref name="grace"/> after.</summary>
    public async Task RunAsync(int workers, TimeSpan duration, TimeSpan grace)
    {
        var stopNew = DateTime.UtcNow + duration;
        var giveUp = stopNew + grace;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stopNew)
            {
                var n = Interlocked.Increment(ref _submitted);
                await SubmitUntilAcknowledgedAsync(n, giveUp);
            }
        })));
    }

    private async Task SubmitUntilAcknowledgedAsync(int n, DateTime giveUp)
    {
        var key = $"{runId}-{n}";
        var phone = $"13{n:D9}";
        var body = new { name = $"Fault {runId} {n}", phone, channel = "website_form", productInterest = "ultrasound" };
        for (var attempt = 0; DateTime.UtcNow < giveUp; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
            }

            var wait = TimeSpan.FromMilliseconds(200);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/leads") { Content = JsonContent.Create(body) };
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                // Several web APIs behind a balancer: a retry goes to the next one, as a balancer would after a failed connection.
                using var response = await clients[(n + attempt) % clients.Count].SendAsync(request, cts.Token);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Count(status);
                if (response.IsSuccessStatusCode)
                {
                    var lead = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
                    _acknowledged[key] = new Acknowledged(key, phone, lead.GetProperty("id").GetString()!, response.StatusCode, _clock.Elapsed);
                    return;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } retryAfter)
                {
                    _retryAfters.Add(retryAfter);
                    wait = retryAfter < TimeSpan.FromSeconds(5) ? retryAfter : TimeSpan.FromSeconds(5);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Count(Transport(e));
            }

            await Task.Delay(wait);
        }

        Interlocked.Increment(ref _unacknowledged);
    }

    /// <summary>
    /// Why no answer came: "refused" (nothing listens: the instance is gone, nothing was processed), "closed" (the
    /// connection ended before an answer: a kept-alive connection closing as a request went out, or a process
    /// killed mid-request), "timeout", or "other".
    /// </summary>
    private static string Transport(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused ? "transport:refused" : "transport:closed";
            }

            if (inner is IOException || inner.Message.Contains("ended prematurely", StringComparison.Ordinal))
            {
                return "transport:closed";
            }
        }

        return e is TaskCanceledException ? "transport:timeout" : "transport:other";
    }

    private void Count(string status)
    {
        _statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
        Timeline.Enqueue((_clock.Elapsed, status));
    }

    /// <summary>
    /// Reps for a run, in group "sales", with room for more leads than any run here can submit (8 x 10,000), and a
    /// published rule set that routes every new lead to that group: a lead left unassigned then means routing went
    /// wrong, not that the team was full.
    /// </summary>
    public static async Task RouteToRoomyTeamAsync(HttpClient admin)
    {
        for (var i = 1; i <= 8; i++)
        {
            await Api.PutAsync(admin, $"api/v1/reps/rep-{i}", new { displayName = $"rep-{i}", groups = new[] { "sales" }, capacity = 10_000 });
        }

        await Api.PutAsync(admin, "api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } });
        await Api.PostAsync(admin, "api/v1/routing/rules/publish", new { });
    }

    /// <summary>An acknowledged submission: its key, phone, the lead id the API answered and when.</summary>
    public sealed record class Acknowledged(string Key, string Phone, string LeadId, HttpStatusCode Status, TimeSpan At);
}
