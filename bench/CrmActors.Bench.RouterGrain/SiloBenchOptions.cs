using System.Globalization;

namespace CrmActors.Bench.RouterGrain;

/// <summary>The settings of a run, from <c>--name value</c> options.</summary>
internal sealed record class SiloBenchOptions(int Decisions, int Warmup, IReadOnlyList<int> Concurrency, int Seed, int Split)
{
    public const string Usage = """
        CrmActors.Bench.RouterGrain [options]

          --decisions N      decisions timed per concurrency level                 default 50000
          --warmup N         decisions routed before timing                        default 20000
          --concurrency L    comma-separated callers in flight per run             default 1,2,16
          --seed N           tenant and leads (same seed as bench/routing.sh)      default 1
          --split N          also time N decisions' parts outside Orleans (lead read,
                             ranking, condensing, JSON) with their allocation; 0 skips    default 0

        Starts a silo in this process (real grains, in-memory storage), loads the generated tenant of
        bench/routing.sh (500 reps, 200 rules) through the rep and rule-set grains, and times
        RouterGrain.RouteAsync: inside the grain (its crm.routing.decision.duration histogram) and as a call.
        """;

    public static SiloBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        var concurrency = values.Remove("concurrency", out var list) ? Levels(list) : [1, 2, 16];
        var options = new SiloBenchOptions(Int(values, "decisions", 50_000, 100), Int(values, "warmup", 20_000, 0), concurrency, Int(values, "seed", 1, 0), Int(values, "split", 0, 0));
        return values.Count == 0 ? options : throw new ArgumentException($"unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}");
    }

    private static int[] Levels(string list)
    {
        var levels = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return levels.Length > 0 && levels.All(l => int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256)
            ? [.. levels.Select(l => int.Parse(l, CultureInfo.InvariantCulture))]
            : throw new ArgumentException($"--concurrency must list whole numbers from 1 to 256, not '{list}'");
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min) =>
        !values.Remove(name, out var raw) ? fallback
        : int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not '{raw}'");
}
