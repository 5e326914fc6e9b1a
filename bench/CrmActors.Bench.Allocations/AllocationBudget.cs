using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CrmActors.Bench.Allocations;

/// <summary>
/// The allocation ticks of one trace, summed three ways: by type, by the nearest frames of the allocating code, and by
/// every CrmActors method on the stack (inclusive). A tick stands for the bytes allocated since the last one, so the
/// sums are estimates with the tick's grain (about 100 KB), fine for shares over a few seconds of load.
/// </summary>
public sealed class AllocationBudget
{
    private const int LeafFrames = 3;

    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bySite = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byCrmFrame = new(StringComparer.Ordinal);

    /// <summary>The bytes the ticks stand for.</summary>
    public long Total { get; private set; }

    /// <summary>Reads every allocation tick of an EventPipe trace (a .nettrace from dotnet-trace).</summary>
    public static AllocationBudget Read(string nettracePath)
    {
        var budget = new AllocationBudget();
        var etlx = TraceLog.CreateFromEventPipeDataFile(nettracePath);
        try
        {
            using var log = new TraceLog(etlx);
            foreach (var e in log.Events)
            {
                if (e is GCAllocationTickTraceData tick)
                {
                    budget.Add(tick.TypeName ?? "?", tick.AllocationAmount64, e.CallStack());
                }
            }
        }
        finally
        {
            File.Delete(etlx);
        }

        return budget;
    }

    private void Add(string type, long bytes, TraceCallStack? stack)
    {
        Total += bytes;
        _byType[type] = _byType.GetValueOrDefault(type) + bytes;
        var leaf = new List<string>(LeafFrames);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var frame = stack; frame is not null; frame = frame.Caller)
        {
            var fullName = frame.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(fullName))
            {
                continue;
            }

            var name = Short(fullName);
            if (leaf.Count < LeafFrames)
            {
                leaf.Add(name);
            }

            if (name.Contains("CrmActors.", StringComparison.Ordinal) && seen.Add(name))
            {
                _byCrmFrame[name] = _byCrmFrame.GetValueOrDefault(name) + bytes;
            }
        }

        var site = $"{type} <- {string.Join(" <- ", leaf)}";
        _bySite[site] = _bySite.GetValueOrDefault(site) + bytes;
    }

    /// <summary>A method's name without its parameter list, and an async state machine's as its method.</summary>
    private static string Short(string fullName)
    {
        var name = fullName.Split('(')[0];
        var machine = name.IndexOf("+<", StringComparison.Ordinal);
        return machine < 0 ? name : name[..machine] + "." + name[(machine + 2)..name.IndexOf('>', machine)];
    }

    /// <summary>Prints the three tables; with the trace's seconds and the leads per second of the run, also bytes per lead.</summary>
    public void Print(TextWriter output, double seconds, double leadsPerSecond, int top)
    {
        var perLead = seconds > 0 && leadsPerSecond > 0 ? Total / (seconds * leadsPerSecond) : 0;
        output.WriteLine(perLead > 0
            ? $"allocated {Total / 1e6:N0} MB in {seconds:0} s, about {perLead / 1024:N0} KB per lead at {leadsPerSecond:N0} leads/s"
            : $"allocated {Total / 1e6:N0} MB");
        Table(output, "by type", _byType, top, perLead);
        Table(output, $"by type and the {LeafFrames} frames that allocate it", _bySite, top, perLead);
        Table(output, "by CrmActors method on the stack (inclusive: a caller counts what its callees allocate)", _byCrmFrame, top, perLead);
    }

    private void Table(TextWriter output, string title, Dictionary<string, long> sums, int top, double perLead)
    {
        output.WriteLine($"  {title}:");
        foreach (var (key, bytes) in sums.OrderByDescending(p => p.Value).Take(top))
        {
            var share = (double)bytes / Total;
            var cut = key.Length > 220 ? key[..220] + "..." : key;
            output.WriteLine(perLead > 0 ? $"  {share,6:P1} {share * perLead / 1024,7:N1} KB  {cut}" : $"  {share,6:P1}  {cut}");
        }
    }
}
