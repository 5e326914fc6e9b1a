using System.Globalization;
using System.Text;
using CrmActors.Bench.RouterGrain;

Console.OutputEncoding = new UTF8Encoding(false);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["-h" or "--help" or "help", ..])
{
    Console.WriteLine(SiloBenchOptions.Usage);
    return 0;
}

SiloBenchOptions options;
try
{
    options = SiloBenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench-router-grain: {ex.Message}");
    Console.Error.WriteLine(SiloBenchOptions.Usage);
    return 2;
}

return await SiloBench.RunAsync(options, Console.Out, "bench/router-grain.sh " + string.Join(' ', args));
