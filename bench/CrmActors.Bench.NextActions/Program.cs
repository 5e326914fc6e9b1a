using System.Globalization;
using System.Text;
using CrmActors.Bench.NextActions;

Console.OutputEncoding = new UTF8Encoding(false);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["-h" or "--help" or "help", ..])
{
    Console.WriteLine(NextActionBench.Usage);
    return 0;
}

try
{
    return await NextActionBench.RunAsync(NextActionBench.Options.Parse(args), Console.Out, "bench/next-actions.sh " + string.Join(' ', args));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench-next-actions: {ex.Message}");
    Console.Error.WriteLine(NextActionBench.Usage);
    return 2;
}
