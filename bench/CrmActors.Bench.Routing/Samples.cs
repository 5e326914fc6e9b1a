using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>What one thread measured: each decision's duration, path and rule, and the bytes it allocated.</summary>
internal sealed class Samples(int capacity)
{
    public long[] Ticks { get; } = new long[capacity];

    public DecisionKind[] Kinds { get; } = new DecisionKind[capacity];

    /// <summary>The index of the rule that fired, -1 when none did.</summary>
    public short[] RuleIndex { get; } = new short[capacity];

    /// <summary>How many candidates the decision lists (the target that picked the owner).</summary>
    public short[] Candidates { get; } = new short[capacity];

    public int Count { get; private set; }

    public int Unassigned { get; private set; }

    /// <summary>Bytes allocated inside <c>Route</c> calls only (the simulation around them is not counted).</summary>
    public long AllocatedBytes { get; set; }

    /// <summary>Stopwatch timestamps of the first and last decision's start and end.</summary>
    public long FirstStart { get; set; }

    public long LastEnd { get; set; }

    public void Record(long ticks, RoutingDecision decision)
    {
        var i = Count++;
        Ticks[i] = ticks;
        Kinds[i] = decision.RuleId is null ? DecisionKind.NoRule : decision.UsedFallback ? DecisionKind.RuleTargetFull : DecisionKind.RuleFired;
        RuleIndex[i] = (short)(decision.RuleIndex ?? -1);
        Candidates[i] = (short)Math.Min(short.MaxValue, decision.Candidates.Count);
        if (decision.ChosenRepId is null)
        {
            Unassigned++;
        }
    }
}
