using System.Globalization;
using CrmActors.Bench.Stats;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var connection = Environment.GetEnvironmentVariable("ConnectionStrings__crm");
if (string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine("bench-stats: set ConnectionStrings__crm (bench/stats-feed.sh does)");
    return 2;
}

return await StatsFeedBench.RunAsync(connection, args is [var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 50_000, Console.Out);
