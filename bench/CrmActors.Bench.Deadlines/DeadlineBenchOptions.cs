using System.Globalization;

namespace CrmActors.Bench.Deadlines;

/// <summary>The benchmark's options.</summary>
internal sealed record class DeadlineBenchOptions(int Deadlines, int Reps, double ArmMinutes, double SpreadMinutes, int Parallel, string SiloDirectory, bool Cold)
{
    public const string Usage = """
        usage: bench/deadlines.sh [--deadlines N] [--reps N] [--arm-minutes M] [--spread-minutes M] [--parallel N]
          --deadlines N       first-touch deadlines armed on the one silo            default 100000
          --reps N            reps the leads are assigned to (round robin)           default 1000
          --arm-minutes M     the first deadline is due M minutes after the start;   default 12
                              every deadline must be armed before then (else the run fails: its lateness would be the arming's)
          --spread-minutes M  due times spread evenly over M minutes after that      default 10
          --parallel N        assignments in flight while arming                     default 64
          --cold              once all are armed, deactivate every lead (as hours later): each firing then
                              activates its lead from MariaDB first
        The silo's settings come from silo/appsettings.json and ConnectionStrings__crm (the script sets both).
        """;

    public static DeadlineBenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DeadlineBenchOptions(100_000, 1_000, 12, 10, 64, Path.GetFullPath("silo"), Cold: false);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--cold")
            {
                options = options with { Cold = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--deadlines" => options with { Deadlines = Whole(value, 1, 2_000_000, args[i]) },
                "--reps" => options with { Reps = Whole(value, 1, 100_000, args[i]) },
                "--arm-minutes" => options with { ArmMinutes = Minutes(value, args[i]) },
                "--spread-minutes" => options with { SpreadMinutes = Minutes(value, args[i]) },
                "--parallel" => options with { Parallel = Whole(value, 1, 1024, args[i]) },
                "--silo-dir" => options with { SiloDirectory = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }

    private static int Whole(string text, int min, int max, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}");

    private static double Minutes(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && m <= 24 * 60
            ? m
            : throw new ArgumentException($"{name} must be a number of minutes above 0");
}
