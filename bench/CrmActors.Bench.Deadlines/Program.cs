using System.Globalization;
using System.Text;
using CrmActors.Bench.Deadlines;

Console.OutputEncoding = new UTF8Encoding(false);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["-h" or "--help" or "help", ..])
{
    Console.WriteLine(DeadlineBenchOptions.Usage);
    return 0;
}

DeadlineBenchOptions options;
try
{
    options = DeadlineBenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench-deadlines: {ex.Message}");
    Console.Error.WriteLine(DeadlineBenchOptions.Usage);
    return 2;
}

return await DeadlineBench.RunAsync(options, Console.Out, "bench/deadlines.sh " + string.Join(' ', args));
