using System.Globalization;

namespace CrmActors.Bench.Routing;

/// <summary>The settings of a run, from <c>--name value</c> options.</summary>
/// <param name="Decisions">Decisions timed on one thread (and per thread in the concurrent run).</param>
/// <param name="Warmup">Decisions routed before timing (JIT, tiered compilation).</param>
/// <param name="FallbackDecisions">Decisions timed with leads no rule matches.</param>
/// <param name="Threads">Threads of the concurrent run; 0 skips it.</param>
/// <param name="Leads">Distinct generated leads, cycled through.</param>
/// <param name="Seed">Seeds the tenant, the leads and the loads; the same seed gives the same decisions.</param>
/// <param name="Json">A file to write the results to, or null.</param>
internal sealed record class BenchOptions(int Decisions, int Warmup, int FallbackDecisions, int Threads, int Leads, int Seed, string? Json)
{
    public const string Usage = """
        CrmActors.Bench.Routing [options]

          --decisions N           decisions timed on one thread, and per thread concurrently   default 100000
          --warmup N              decisions routed before timing (JIT, tiered compilation)     default 20000
          --fallback-decisions N  decisions timed with leads no rule matches (all 500 reps)    default 20000
          --threads N             threads of the concurrent run, 0 skips it                    default 2
          --leads N               distinct generated leads, cycled through                     default 10000
          --seed N                tenant, leads and loads (same seed, same decisions)          default 1
          --json FILE             also write the results as JSON

        Times CompiledRuleSet.Route for a generated tenant of 500 reps in 20 groups and 200 rules.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        var options = new BenchOptions(
            Int(values, "decisions", 100_000, 1),
            Int(values, "warmup", 20_000, 0),
            Int(values, "fallback-decisions", 20_000, 0),
            Int(values, "threads", 2, 0),
            Int(values, "leads", 10_000, 100),
            Int(values, "seed", 1, 0),
            values.Remove("json", out var json) ? json : null);
        return values.Count == 0
            ? options
            : throw new ArgumentException($"unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}");
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min)
    {
        if (!values.Remove(name, out var raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not '{raw}'");
    }
}
