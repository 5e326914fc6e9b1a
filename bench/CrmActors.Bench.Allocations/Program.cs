using System.Globalization;
using CrmActors.Bench.Allocations;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is not [var trace, ..] || !File.Exists(trace))
{
    Console.Error.WriteLine("usage: CrmActors.Bench.Allocations <trace.nettrace> [--seconds S] [--leads-per-second R] [--top N]");
    return 2;
}

double Option(string name, double fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

var budget = AllocationBudget.Read(trace);
budget.Print(Console.Out, Option("--seconds", 0), Option("--leads-per-second", 0), (int)Option("--top", 15));
return 0;
