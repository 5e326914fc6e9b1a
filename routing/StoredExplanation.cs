namespace CrmActors.Routing;

/// <summary>
/// A decision as it is kept with the lead and shown by the API: everything the decision says, the full score
/// breakdown of the best-ranked eligible candidates, the total of every other eligible one, and the others by
/// the reason they were left out. Ranking all 500 reps of a big group would otherwise store some 330 KB of
/// breakdowns per lead (measured by bench/router-grain.sh) that nobody reads past the first few.
/// </summary>
public static class StoredExplanation
{
    /// <summary>How many eligible candidates keep their score breakdown.</summary>
    public const int BreakdownsKept = 10;

    /// <summary>The decision with candidate lists condensed (see the type's summary); the co-assignment's likewise.</summary>
    public static RoutingDecision Condense(RoutingDecision decision, int breakdownsKept = BreakdownsKept)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (kept, others, excluded) = Split(decision.Candidates, breakdownsKept);
        return decision with
        {
            Candidates = kept,
            OtherEligibleTotals = others,
            ExcludedByReason = excluded,
            CoAssignment = decision.CoAssignment is { Candidates.Count: > 0 } co
                ? co with { Candidates = Split(co.Candidates, breakdownsKept).Kept }
                : decision.CoAssignment,
        };
    }

    private static (CandidateScore[] Kept, Dictionary<string, double>? Others, Dictionary<CandidateExclusion, List<string>>? Excluded) Split(
        IReadOnlyList<CandidateScore> candidates, int breakdownsKept)
    {
        var kept = new List<CandidateScore>(Math.Min(candidates.Count, breakdownsKept));
        Dictionary<string, double>? others = null;
        Dictionary<CandidateExclusion, List<string>>? excluded = null;
        foreach (var candidate in candidates.Where(c => c.Eligible).OrderBy(c => c.Rank ?? int.MaxValue))
        {
            if (kept.Count < breakdownsKept)
            {
                kept.Add(candidate);
            }
            else
            {
                (others ??= new Dictionary<string, double>(StringComparer.Ordinal))[candidate.RepId] = Math.Round(candidate.Total, 4);
            }
        }

        foreach (var candidate in candidates.Where(c => !c.Eligible))
        {
            excluded ??= [];
            if (!excluded.TryGetValue(candidate.Exclusion, out var ids))
            {
                excluded[candidate.Exclusion] = ids = [];
            }

            ids.Add(candidate.RepId);
        }

        return ([.. kept], others, excluded);
    }
}
