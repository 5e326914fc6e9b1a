using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmActors.Bench.Routing;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.Grains.NextActions;
using CrmActors.MlModels;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmActors.Bench.NextActions;

/// <summary>
/// Inference latency of the next-action model in a silo: advice for simulated leads at random points of their
/// history, through the StatelessWorker from an in-process client; the grain's own histogram gives the time spent
/// in the silo per advice (featurize, score, rank, explain), and the predictor is also timed alone.
/// </summary>
public static class NextActionBench
{
    public const string Usage = """
        bench/next-actions.sh [--requests N] [--concurrency C] [--models DIR]
          --requests N      advice requests measured per phase (default 20000; 2000 more warm up first)
          --concurrency C   requests in flight in the concurrent phase (default 8)
          --models DIR      models root with a 'current' file (default ml-models/models)
        """;

    public sealed record class Options(int Requests, int Concurrency, string Models)
    {
        public static Options Parse(string[] args)
        {
            var o = new Options(20_000, 8, "ml-models/models");
            for (var i = 0; i < args.Length; i += 2)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
                o = args[i] switch
                {
                    "--requests" => o with { Requests = Positive(args[i], value) },
                    "--concurrency" => o with { Concurrency = Positive(args[i], value) },
                    "--models" => o with { Models = value },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }

            return o;
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive number.");
    }

    public static async Task<int> RunAsync(Options options, TextWriter output, string command)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var models = Path.GetFullPath(options.Models);
        var machine = MachineInfo.Collect();
        await output.WriteLineAsync($"command: {command}");
        await output.WriteLineAsync($"machine: {machine.Cores} cores, {machine.Cpu}, {machine.MemoryGiB:0.0} GiB, {machine.Os}, {machine.Runtime}, {machine.Gc}, {machine.Build}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddMemoryGrainStorage(CrmStorage.Name);
            silo.UseInMemoryReminderService();
            SiloHostingExtensions.ConfigureSilo(silo, new ConfigurationBuilder().Build());
            silo.Services.Configure<ModelOptions>(o => o.Directory = models);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var status = host.Services.GetRequiredService<ModelStore>().Status;
            if (!status.Serving)
            {
                await output.WriteLineAsync($"no model to measure: {status.Problem}");
                return 1;
            }

            await output.WriteLineAsync($"model: {status.Version} from {status.Directory}");
            var requests = Requests(options.Requests + 2_000);
            var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<INextActionGrain>(0);
            var inSilo = new List<double>();
            var explaining = new List<double>();
            using var listener = Listen(inSilo, explaining);

            // Warm-up: JIT, the worker activations and their prediction engines.
            foreach (var request in requests.Take(2_000))
            {
                await grain.AdviseAsync(request);
            }

            lock (inSilo)
            {
                inSilo.Clear();
                explaining.Clear();
            }

            var roundTrips = new List<double>(options.Requests);
            foreach (var request in requests.Skip(2_000))
            {
                var started = Stopwatch.GetTimestamp();
                await grain.AdviseAsync(request);
                roundTrips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            double[] sequential, sequentialReasons;
            lock (inSilo)
            {
                sequential = [.. inSilo];
                sequentialReasons = [.. explaining];
                inSilo.Clear();
            }

            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(requests.Skip(2_000), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (r, _) => await grain.AdviseAsync(r));
            var concurrentRate = options.Requests / clock.Elapsed.TotalSeconds;
            double[] concurrent;
            lock (inSilo)
            {
                concurrent = [.. inSilo];
            }

            // The model alone (what "inference" means without the reasons): score and rank in one thread.
            var predictor = LoadedModels.Load(Path.Combine(models, status.Version!)).CreatePredictor();
            var features = requests.Select(r => FeatureExtractor.Extract(
                new LeadProfile(r.Industry, r.Channel, r.BudgetBand, r.Quality, r.CreatedAt),
                [.. r.Interactions.Select(i => new Interaction(i.At, i.Action, i.Tags, i.Text))], r.Now)).ToList();
            var scoreOnly = new List<double>(options.Requests);
            var withReasons = new List<double>(options.Requests);
            foreach (var f in features.Take(2_000))
            {
                predictor.Recommend(f);
            }

            foreach (var f in features.Skip(2_000))
            {
                var started = Stopwatch.GetTimestamp();
                predictor.ActionProbabilities(f);
                predictor.WinProbability(f);
                scoreOnly.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                predictor.Recommend(f);
                withReasons.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await output.WriteLineAsync($"requests per phase: {options.Requests:N0}");
            await Line(output, "in silo, one at a time: inference (featurize, action and win probabilities)", sequential);
            await Line(output, "in silo, one at a time: reasons for the top 3 (API requests only)", sequentialReasons);
            await Line(output, $"in silo, {options.Concurrency} in flight ({concurrentRate:N0} advice with reasons/s): inference", concurrent);
            await Line(output, "round trip from an in-process client with reasons, one at a time", [.. roundTrips]);
            await Line(output, "model alone: action probabilities + win probability", [.. scoreOnly]);
            await Line(output, "model alone: top 3 with reasons", [.. withReasons]);
            return 0;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static List<AdviceRequest> Requests(int count)
    {
        var random = new Random(5);
        var leads = new SalesSimulator(2026).Leads(Math.Max(1, count / 3), "bench");
        var requests = new List<AdviceRequest>(count);
        while (requests.Count < count)
        {
            var lead = leads[random.Next(leads.Count)].History;
            var k = random.Next(lead.Interactions.Count);
            var p = lead.Profile;
            requests.Add(new AdviceRequest(
                p.Industry, p.Channel, p.BudgetBand, p.Quality, p.CreatedAt,
                [.. lead.Interactions.Take(k).Select(i => new AdviceInteraction(i.At, i.Action, i.Tags, i.Text))],
                lead.Interactions[k].At));
        }

        return requests;
    }

    private static MeterListener Listen(List<double> into, List<double> reasons)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == NextActionMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (into)
            {
                (instrument.Name == "crm.next_action.inference" ? into : reasons).Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private static Task Line(TextWriter output, string what, double[] ms)
    {
        Array.Sort(ms);
        double At(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        return output.WriteLineAsync($"{what}: n={ms.Length:N0} p50 {At(0.5):0.000} ms, p90 {At(0.9):0.000} ms, p99 {At(0.99):0.000} ms, max {ms[^1]:0.000} ms");
    }
}
