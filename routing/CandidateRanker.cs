using static System.FormattableString;

namespace CrmActors.Routing;

/// <summary>Decides which reps of a target are eligible, scores those that are, and ranks them.</summary>
internal sealed class CandidateRanker(CompiledRep[] reps, ScoringWeights weights)
{
    private readonly int _componentCount = CandidateScorer.ComponentCount(weights);

    /// <summary>Ranks the reps at <paramref name="pool"/>; <paramref name="owner"/> (a roster index, or -1) is left out as the owner.</summary>
    public Ranking Rank(int[] pool, FieldId[] require, RankingContext context, int owner = -1)
    {
        var slots = new Slot[pool.Length];
        var eligible = 0;
        var onShiftEligible = 0;
        for (var i = 0; i < pool.Length; i++)
        {
            var rep = reps[pool[i]];
            var load = context.Loads.TryGetValue(rep.Id, out var known) ? known : default;
            var onShift = rep.ZoneIndex < 0 || rep.IsOnShift(context.LocalTimes[rep.ZoneIndex]);
            var (exclusion, detail) = rep.Index == owner
                ? (CandidateExclusion.ChosenAsOwner, "already the owner of this lead")
                : Eligibility(rep, load, require, context);
            slots[i] = new Slot(rep, load, onShift, exclusion, detail);
            if (exclusion == CandidateExclusion.None)
            {
                eligible++;
                onShiftEligible += onShift ? 1 : 0;
            }
        }

        // "Preferred", not "required": a critical lead still goes to someone when nobody is on shift.
        if (context.Urgency == Urgency.Critical && onShiftEligible > 0 && onShiftEligible < eligible)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].Exclusion == CandidateExclusion.None && !slots[i].OnShift)
                {
                    slots[i].Exclusion = CandidateExclusion.OffShiftForCritical;
                    slots[i].Detail = "off shift; a critical lead goes to an on-shift rep while one is eligible";
                }
            }

            eligible = onShiftEligible;
        }

        // Totals only: a breakdown is ten components per rep, and ranking 500 reps would allocate ~170 KB of them
        // that almost nobody reads. Each eligible rep computes its breakdown again (same inputs, same values) if and when
        // someone enumerates it; a stored decision keeps only the raw values (StoredExplanation).
        var scratch = new ScoreComponent[_componentCount];
        BreakdownInputs? shared = null;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].Exclusion == CandidateExclusion.None)
            {
                slots[i].Total = CandidateScorer.Score(slots[i].Rep, context.Lead, slots[i].Load, slots[i].OnShift, context.Urgency, weights, scratch);
            }
        }

        // Sorting indices rather than the slots themselves keeps each swap to one int.
        var order = new int[slots.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new SlotOrder(slots));
        var candidates = new CandidateScore[slots.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ref readonly var slot = ref slots[order[i]];
            if (slot.Exclusion != CandidateExclusion.None)
            {
                candidates[i] = new CandidateScore(slot.Rep.Id, null, 0, [], slot.Exclusion, slot.Detail, slot.Load);
                continue;
            }

            shared ??= new BreakdownInputs(context.Lead, context.Urgency, weights);
            var breakdown = new DeferredBreakdown(slot.Rep, slot.Load, slot.OnShift, shared);
            candidates[i] = new CandidateScore(slot.Rep.Id, i + 1, slot.Total, breakdown, CandidateExclusion.None, null, slot.Load);
        }

        return new Ranking(candidates, eligible, eligible > 0 ? slots[order[0]].Rep : null);
    }

    private static (CandidateExclusion Exclusion, string? Detail) Eligibility(CompiledRep rep, RepLoad load, FieldId[] require, RankingContext context)
    {
        if (context.Exclude is { } exclude && exclude.Contains(rep.Id))
        {
            return (CandidateExclusion.Excluded, "excluded by the caller (already had this lead)");
        }

        if (!rep.Active)
        {
            return (CandidateExclusion.Inactive, "inactive");
        }

        if (rep.OnLeaveUntil is { } until && until > context.Now)
        {
            return (CandidateExclusion.OnLeave, Invariant($"on leave until {until:yyyy-MM-dd HH:mm zzz}"));
        }

        if (load.OpenLeads >= rep.Capacity)
        {
            return (CandidateExclusion.AtCapacity, Invariant($"at capacity ({load.OpenLeads}/{rep.Capacity} open leads)"));
        }

        foreach (var field in require)
        {
            if (context.Lead.Text(field) is { } value && !rep.Covers(field, value))
            {
                return (CandidateExclusion.RequirementNotMet, $"does not cover the lead's {RuleVocabulary.Name(field)} '{value}', which the rule requires");
            }
        }

        return (CandidateExclusion.None, null);
    }

    /// <summary>Eligible first, by score, then fewer recent assignments, fewer open leads, rep id; the rest by rep id.</summary>
    private sealed class SlotOrder(Slot[] slots) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            ref readonly var a = ref slots[x];
            ref readonly var b = ref slots[y];
            var aEligible = a.Exclusion == CandidateExclusion.None;
            var bEligible = b.Exclusion == CandidateExclusion.None;
            if (aEligible != bEligible)
            {
                return aEligible ? -1 : 1;
            }

            if (aEligible)
            {
                var order = b.Total.CompareTo(a.Total);
                if (order == 0)
                {
                    order = a.Load.RecentAssignments.CompareTo(b.Load.RecentAssignments);
                }

                if (order == 0)
                {
                    order = a.Load.OpenLeads.CompareTo(b.Load.OpenLeads);
                }

                if (order != 0)
                {
                    return order;
                }
            }

            return string.CompareOrdinal(a.Rep.Id, b.Rep.Id);
        }
    }

    private struct Slot(CompiledRep rep, RepLoad load, bool onShift, CandidateExclusion exclusion, string? detail)
    {
        public CompiledRep Rep { get; } = rep;

        public RepLoad Load { get; } = load;

        public bool OnShift { get; } = onShift;

        public CandidateExclusion Exclusion { get; set; } = exclusion;

        public string? Detail { get; set; } = detail;

        public double Total { get; set; }
    }

    /// <summary>What every candidate of one ranking was scored against, held once for all deferred breakdowns.</summary>
    internal sealed class BreakdownInputs(LeadView lead, Urgency urgency, ScoringWeights weights)
    {
        public LeadView Lead { get; } = lead;

        public Urgency Urgency { get; } = urgency;

        public ScoringWeights Weights { get; } = weights;
    }

    /// <summary>A candidate's breakdown, computed on first use from the inputs its total came from.</summary>
    internal sealed class DeferredBreakdown(CompiledRep rep, RepLoad load, bool onShift, BreakdownInputs inputs)
        : IReadOnlyList<ScoreComponent>
    {
        /// <summary>Computes the breakdown into <paramref name="into"/> (without keeping it) and returns it.</summary>
        public ScoreComponent[] Fill(ScoreComponent[] into)
        {
            if (_components is not null)
            {
                return _components;
            }

            CandidateScorer.Score(rep, inputs.Lead, load, onShift, inputs.Urgency, inputs.Weights, into);
            return into;
        }

        private ScoreComponent[]? _components;

        public int Count => CandidateScorer.ComponentCount(inputs.Weights);

        public ScoreComponent this[int index] => Components[index];

        private ScoreComponent[] Components => _components ??= Fill(new ScoreComponent[Count]);

        public IEnumerator<ScoreComponent> GetEnumerator() => ((IEnumerable<ScoreComponent>)Components).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
