using System.Globalization;
using System.Text;
using CrmActors.Bench;
using MySqlConnector;

const string Usage = """
    CrmActors.Bench <mode> [options]

      http      --api URL --token JWT --concurrency N --duration S [--warmup S] [--rate R] [--seed N]
                [--timeout S] [--max-inflight N] [--honor-retry-after] [--json FILE] [--quiet]
                POST /api/v1/leads with varied leads. Closed loop (N workers) unless --rate R: then open loop
                at R requests/s with latency from the intended send time, N = connection limit.
                Exits 1 when nothing was accepted.
      baseline  --connection CS --concurrency N --duration S [--warmup S] [--seed N] [--prepared] [--json FILE] [--quiet]
                N connections doing single-row autocommit INSERTs into bench_baseline (created, then truncated).
      gen-csv   --rows N --out FILE [--encoding utf8|gb18030] [--bom] [--seed N]
                a lead CSV file: name,phone,channel,product_interest,note,email,company
      import    --api URL --token JWT --file FILE [--pid PID] [--timeout S] [--json FILE]
                upload to POST /api/v1/imports, follow the job, sample the RSS of PID (the web API)
      summary   --dir DIR [--best-rate]
                the comparison table from the JSON files bench/run.sh collects (or just the best API rate)

    Seeds 0-99 draw phone numbers from disjoint ranges; the default seed is random.
    """;

Console.OutputEncoding = new UTF8Encoding(false);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine("cancelling...");
        cancel.Cancel();
    }
};

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new CommandLine(args[1..]);
    switch (args[0])
    {
        case "http":
        {
            var http = new HttpLoadOptions(
                Api: ParseUri(options.Require("api")),
                Token: options.Require("token"),
                Concurrency: options.Int("concurrency", 16, 1, 100_000),
                DurationSeconds: options.Double("duration", 20, 0.1),
                WarmupSeconds: options.Double("warmup", 0),
                Rate: options.OptionalDouble("rate", 0.1),
                Seed: options.Int("seed", Random.Shared.Next(100), 0),
                RequestTimeout: TimeSpan.FromSeconds(options.Double("timeout", 30, 0.1)),
                MaxInFlight: options.Int("max-inflight", 20_000, 1),
                HonorRetryAfter: options.Flag("honor-retry-after"),
                Quiet: options.Flag("quiet"));
            var json = options.Get("json");
            options.RejectUnknown();
            using var load = new HttpLoad(http);
            var result = await load.RunAsync(cancel.Token);
            HttpLoad.Print(Console.Out, result);
            await Output.WriteJsonAsync(json, result);
            return result.Accepted == 0 ? 1 : 0;
        }

        case "baseline":
        {
            var baseline = new BaselineOptions(
                ConnectionString: options.Require("connection"),
                Concurrency: options.Int("concurrency", 16, 1, 10_000),
                DurationSeconds: options.Double("duration", 20, 0.1),
                WarmupSeconds: options.Double("warmup", 0),
                Seed: options.Int("seed", Random.Shared.Next(100), 0),
                Prepared: options.Flag("prepared"),
                Quiet: options.Flag("quiet"));
            var json = options.Get("json");
            options.RejectUnknown();
            var result = await new BaselineLoad(baseline).RunAsync(cancel.Token);
            BaselineLoad.Print(Console.Out, result);
            await Output.WriteJsonAsync(json, result);
            return result.Inserts == 0 ? 1 : 0;
        }

        case "gen-csv":
        {
            var csv = new CsvOptions(
                Path: options.Require("out"),
                Rows: options.Long("rows", 0, 0),
                EncodingName: options.Get("encoding") ?? "utf8",
                ByteOrderMark: options.Flag("bom"),
                Seed: options.Int("seed", Random.Shared.Next(100), 0));
            if (options.Get("rows") is null)
            {
                throw new ArgumentException("--rows is required");
            }

            options.RejectUnknown();
            CsvGenerator.Write(csv, Console.Out);
            return 0;
        }

        case "import":
        {
            var pid = options.Get("pid") is null ? (int?)null : options.Int("pid", 0, 1);
            var import = new ImportOptions(
                Api: ParseUri(options.Require("api")),
                Token: options.Require("token"),
                File: options.Require("file"),
                Pid: pid,
                Timeout: TimeSpan.FromSeconds(options.Double("timeout", 1800, 1)));
            var json = options.Get("json");
            options.RejectUnknown();
            var result = await new ImportRun(import, Console.Out).RunAsync(cancel.Token);
            ImportRun.Print(Console.Out, result);
            await Output.WriteJsonAsync(json, result);
            return result.Status == "completed" ? 0 : 1;
        }

        case "summary":
        {
            var dir = options.Require("dir");
            var bestOnly = options.Flag("best-rate");
            options.RejectUnknown();
            if (bestOnly)
            {
                Console.WriteLine(Math.Floor(await Summary.BestRateAsync(dir)).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                await Summary.PrintAsync(dir, Console.Out);
            }

            return 0;
        }

        default:
            Console.Error.WriteLine($"unknown mode '{args[0]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: cancelled");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or MySqlException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 1;
}

static Uri ParseUri(string value) =>
    Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        ? uri
        : throw new ArgumentException($"'{value}' is not an http(s) URL");
