using System.Diagnostics;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>
/// Routes leads one after another as a routing grain would, each against the loads as the previous decisions
/// left them. Only the <see cref="CompiledRuleSet.Route"/> call is timed; the clock, the loads and the
/// allocation counter are read outside it.
/// </summary>
internal sealed class DecisionLoop(CompiledRuleSet router, RoutingLead[] leads, LoadSimulator loads, int firstLead)
{
    private int _next = firstLead;

    public LoadSimulator Loads => loads;

    /// <summary>Routes <paramref name="count"/> leads without recording them (JIT, tiered compilation, caches).</summary>
    public void Warm(int count)
    {
        for (var i = 0; i < count; i++)
        {
            loads.Advance();
            loads.Apply(router.Route(NextLead(), loads.Loads, loads.Now));
        }
    }

    public Samples Measure(int count)
    {
        var samples = new Samples(count);
        for (var i = 0; i < count; i++)
        {
            loads.Advance();
            var lead = NextLead();
            var loadsNow = loads.Loads;
            var now = loads.Now;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var decision = router.Route(lead, loadsNow, now);
            var end = Stopwatch.GetTimestamp();
            samples.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (i == 0)
            {
                samples.FirstStart = start;
            }

            samples.LastEnd = end;
            samples.Record(end - start, decision);
            loads.Apply(decision);
        }

        return samples;
    }

    private RoutingLead NextLead()
    {
        var lead = leads[_next];
        _next = (_next + 1) % leads.Length;
        return lead;
    }
}
