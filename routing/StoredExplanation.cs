namespace CrmActors.Routing;

/// <summary>
/// A decision as it is kept with the lead and shown by the API: everything the decision says, the full score
/// breakdown of the best-ranked eligible candidates, the next ones' breakdowns in compact form
/// (<see cref="CompactScore"/>) and how many more were eligible, and the others by the reason they were left out. The full form for all 500 reps of a
/// big group would store some 330 KB per lead (measured by bench/router-grain.sh).
/// </summary>
public static class StoredExplanation
{
    /// <summary>
    /// How many eligible candidates keep their score breakdown in full (the others' breakdowns are recomputed from their
    /// raw values and <see cref="RoutingDecision.ComponentWeights"/>). Each full one is some 900 bytes of JSON; ten of
    /// them made the explanation most of what a routed lead wrote.
    /// </summary>
    public const int BreakdownsKept = 3;

    /// <summary>
    /// How many more eligible candidates are kept in compact form (about 75 bytes each); past them the stored decision
    /// only says how many more there were (<see cref="RoutingDecision.OtherEligibleNotKept"/>), so a group of 500 reps
    /// stores what a group of 25 does.
    /// </summary>
    public const int CompactKept = 20;

    /// <summary>The decision with candidate lists condensed (see the type's summary); the co-assignment's likewise.</summary>
    public static RoutingDecision Condense(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (kept, others, excluded) = Split(decision.Candidates, BreakdownsKept);
        var notKept = others is { Count: > CompactKept } ? others.Count - CompactKept : 0;
        if (notKept > 0)
        {
            others!.RemoveRange(CompactKept, notKept);
        }

        return decision with
        {
            Candidates = kept,
            OtherEligible = others,
            OtherEligibleNotKept = notKept > 0 ? notKept : null,
            ComponentWeights = others is null ? null : [.. kept[0].Components.Select(c => c.Weight)],
            ExcludedByReason = excluded,
            CoAssignment = decision.CoAssignment is { Candidates.Count: > 0 } co
                ? co with { Candidates = [.. co.Candidates.TakeWhile(c => c.Eligible).Take(BreakdownsKept)] }
                : decision.CoAssignment,
        };
    }

    private static (CandidateScore[] Kept, List<CompactScore>? Others, Dictionary<CandidateExclusion, List<string>>? Excluded) Split(
        IReadOnlyList<CandidateScore> candidates, int breakdownsKept)
    {
        var kept = new List<CandidateScore>(Math.Min(candidates.Count, breakdownsKept));
        List<CompactScore>? others = null;
        ScoreComponent[]? scratch = null;
        Dictionary<CandidateExclusion, List<string>>? excluded = null;
        // Candidates come eligible first, by rank (CandidateRanker), then the others.
        foreach (var candidate in candidates)
        {
            if (candidate.Eligible && kept.Count < breakdownsKept)
            {
                kept.Add(candidate);
                continue;
            }

            if (candidate.Eligible)
            {
                scratch ??= new ScoreComponent[candidate.Components.Count];
                (others ??= new List<CompactScore>(candidates.Count - breakdownsKept)).Add(
                    new CompactScore(candidate.RepId, candidate.Rank ?? 0, Math.Round(candidate.Total, 4), Raw(candidate, scratch)));
                continue;
            }

            excluded ??= [];
            if (!excluded.TryGetValue(candidate.Exclusion, out var ids))
            {
                excluded[candidate.Exclusion] = ids = [];
            }

            ids.Add(candidate.RepId);
        }

        return ([.. kept], others, excluded);
    }

    /// <summary>Raw component values in thousandths, computed into <paramref name="scratch"/> when deferred.</summary>
    private static int[] Raw(CandidateScore candidate, ScoreComponent[] scratch)
    {
        var components = candidate.Components is CandidateRanker.DeferredBreakdown deferred ? deferred.Fill(scratch) : candidate.Components;
        var raw = new int[components.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (int)Math.Round(components[i].Raw * 1000);
        }

        return raw;
    }
}
