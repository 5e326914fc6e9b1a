using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmActors.Bench;

/// <summary>Settings of the import mode.</summary>
public sealed record class ImportOptions(Uri Api, string Token, string File, int? Pid, TimeSpan Timeout);

/// <summary>
/// Uploads a lead file to POST /api/v1/imports (the body streamed from disk), follows the job at its
/// Location until it is completed or failed (status compared case-insensitively), and samples the web API process's resident memory meanwhile.
/// </summary>
public sealed class ImportRun(ImportOptions options, TextWriter log)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<ImportResult> RunAsync(CancellationToken cancel)
    {
        var file = new FileInfo(options.File);
        if (!file.Exists)
        {
            throw new ArgumentException($"--file {options.File} does not exist");
        }

        var contentType = file.Extension.ToUpperInvariant() switch
        {
            ".CSV" => "text/csv",
            ".XLSX" => XlsxType,
            _ => throw new ArgumentException($"--file must be a .csv or .xlsx file, not '{file.Name}'"),
        };

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromHours(1) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        var baseUri = options.Api.AbsoluteUri.EndsWith('/') ? options.Api : new Uri(options.Api.AbsoluteUri + "/");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(options.Timeout);
        using var samplerStop = new CancellationTokenSource();
        var sampler = new RssSampler(options.Pid);
        var rssBefore = sampler.ReadKilobytes("VmRSS");
        var sampling = sampler.RunAsync(samplerStop.Token);

        var stopwatch = Stopwatch.StartNew();
        log.WriteLine($"import  POST {baseUri}api/v1/imports  {file.Name} ({Output.F(file.Length / 1048576.0, 2)} MB, {contentType})"
            + (options.Pid is { } pid ? $", sampling RSS of pid {pid}" : ""));

        Uri location;
        string? finalBody = null;
        JsonElement? immediate = null;
        await using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "api/v1/imports"));
            request.Content = new StreamContent(stream, 1 << 16);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            request.Content.Headers.ContentLength = file.Length;
            request.Headers.TryAddWithoutValidation("X-File-Name", HeaderSafe(file.Name));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/v1/imports answered {(int)response.StatusCode} {response.ReasonPhrase}: {Trim(body)}");
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                log.WriteLine($"  note: expected 202 Accepted, got {(int)response.StatusCode}");
            }

            var target = response.Headers.Location ?? response.Content.Headers.ContentLocation
                ?? throw new InvalidOperationException($"POST /api/v1/imports answered {(int)response.StatusCode} without a Location header: {Trim(body)}");
            location = target.IsAbsoluteUri ? target : new Uri(baseUri, target.OriginalString.TrimStart('/'));
            if (TryParse(body) is { } parsed && IsFinal(Status(parsed)))
            {
                immediate = parsed;
                finalBody = body;
            }
        }

        var uploadSeconds = stopwatch.Elapsed.TotalSeconds;
        log.WriteLine($"  uploaded in {Output.F(uploadSeconds, 2)} s; following {location}");

        var last = immediate;
        var lastLine = "";
        while (last is null || !IsFinal(Status(last.Value)))
        {
            await Task.Delay(500, deadline.Token);
            using var response = await http.GetAsync(location, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {location} answered {(int)response.StatusCode}: {Trim(body)}");
            }

            last = TryParse(body) ?? throw new InvalidOperationException($"GET {location} did not answer JSON: {Trim(body)}");
            finalBody = body;
            var line = $"{Status(last.Value),-10} rowsRead {Output.N(Number(last.Value, "rowsRead"))}  accepted {Output.N(Number(last.Value, "accepted"))}  duplicates {Output.N(Number(last.Value, "duplicates"))}  rejected {Output.N(Number(last.Value, "rejected"))}";
            if (line != lastLine)
            {
                log.WriteLine($"  [{stopwatch.Elapsed.TotalSeconds,6:0.0}s] {line}  RSS {Mb(sampler.LastKilobytes)} MB");
                lastLine = line;
            }
        }

        var totalSeconds = stopwatch.Elapsed.TotalSeconds;
        await samplerStop.CancelAsync();
        await sampling;
        var final = last.Value;
        var rowsRead = Number(final, "rowsRead");
        var hwm = sampler.ReadKilobytes("VmHWM");
        return new ImportResult
        {
            File = file.FullName,
            FileMegabytes = Math.Round(file.Length / 1048576.0, 2),
            Status = Status(final),
            Location = location.AbsoluteUri,
            RowsRead = rowsRead,
            Accepted = Number(final, "accepted"),
            Duplicates = Number(final, "duplicates"),
            Rejected = Number(final, "rejected"),
            UploadSeconds = Math.Round(uploadSeconds, 3),
            TotalSeconds = Math.Round(totalSeconds, 3),
            RowsPerSecond = Math.Round(rowsRead / Math.Max(totalSeconds, 0.001), 1),
            Pid = options.Pid,
            RssBeforeMegabytes = Mb(rssBefore),
            PeakRssMegabytes = Mb(sampler.PeakKilobytes),
            VmHwmMegabytes = Mb(hwm),
            RssSamples = sampler.Samples,
            FinalBody = finalBody is null ? null : Trim(finalBody, 2000),
        };
    }

    public static void Print(TextWriter writer, ImportResult r)
    {
        writer.WriteLine();
        writer.WriteLine($"import  {Path.GetFileName(r.File)} ({Output.F(r.FileMegabytes, 2)} MB): {r.Status}");
        Output.Table(writer,
        [
            ["result", "value"],
            ["rows read", Output.N(r.RowsRead)],
            ["accepted", Output.N(r.Accepted)],
            ["duplicates", Output.N(r.Duplicates)],
            ["rejected", Output.N(r.Rejected)],
            ["upload s", Output.F(r.UploadSeconds, 2)],
            ["total s (upload to completed)", Output.F(r.TotalSeconds, 2)],
            ["rows/s", Output.F(r.RowsPerSecond)],
            .. r.Pid is null ? Array.Empty<string[]>() :
            [
                ["API RSS before, MB", r.RssBeforeMegabytes is { } before ? Output.F(before) : "?"],
                ["API peak RSS sampled, MB", r.PeakRssMegabytes is { } peak ? Output.F(peak) : "?"],
                ["API VmHWM at end, MB", r.VmHwmMegabytes is { } hwm ? Output.F(hwm) : "?"],
            ],
        ]);
    }

    /// <summary>"completed" and "failed" end a job; "interrupted" does not (another web API instance takes it over).</summary>
    private static bool IsFinal(string status) => status is "completed" or "failed";

    private static string Status(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!.ToLowerInvariant()
            : "";

    private static long Number(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n
            : 0;

    private static JsonElement? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Trim(string text, int max = 500) => text.Length > max ? text[..max] + "..." : text;

    /// <summary>Header values are ASCII on the wire: percent-encode anything else (RFC 8187 style).</summary>
    private static string HeaderSafe(string name) =>
        name.All(c => c is >= ' ' and < '\u007f') ? name : Uri.EscapeDataString(name);

    private static double? Mb(long? kilobytes) => kilobytes is { } kb ? Math.Round(kb / 1024.0, 1) : null;

    /// <summary>Samples /proc/PID/status every 200 ms.</summary>
    private sealed class RssSampler(int? pid)
    {
        private long _peak = -1;
        private long _last = -1;
        private int _samples;

        public long? PeakKilobytes => _peak < 0 ? null : _peak;

        public long? LastKilobytes => _last < 0 ? null : _last;

        public int Samples => _samples;

        public long? ReadKilobytes(string field)
        {
            if (pid is null)
            {
                return null;
            }

            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid.Value.ToString(CultureInfo.InvariantCulture)}/status", Encoding.ASCII))
                {
                    if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    {
                        var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        return long.Parse(parts[0], CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The process is gone.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }

            return null;
        }

        public async Task RunAsync(CancellationToken stop)
        {
            if (pid is null)
            {
                return;
            }

            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                do
                {
                    if (ReadKilobytes("VmRSS") is { } rss)
                    {
                        _last = rss;
                        _peak = Math.Max(_peak, rss);
                        _samples++;
                    }
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException)
            {
                // Import over.
            }
        }
    }
}
