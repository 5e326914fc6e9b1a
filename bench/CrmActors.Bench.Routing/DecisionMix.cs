namespace CrmActors.Bench.Routing;

/// <summary>Which paths a run's decisions took: shares of the <see cref="DecisionKind"/>s, where rules fired, how many candidates were listed.</summary>
/// <param name="RuleFired">Share of decisions where a rule fired and its target picked the owner.</param>
/// <param name="RuleTargetFull">Share where a rule fired but nobody in its target was eligible (the fallback target picked).</param>
/// <param name="NoRule">Share where no rule fired (the fallback ranked all reps).</param>
/// <param name="Unassigned">Share left without an owner.</param>
/// <param name="RuleIndexP25">The 25th percentile of the index of the rule that fired (decisions where one did).</param>
/// <param name="RuleIndexP50">The median of that index.</param>
/// <param name="RuleIndexP75">The 75th percentile of that index.</param>
/// <param name="MeanCandidates">The mean number of candidates a decision lists.</param>
internal sealed record class DecisionMix(
    double RuleFired,
    double RuleTargetFull,
    double NoRule,
    double Unassigned,
    int RuleIndexP25,
    int RuleIndexP50,
    int RuleIndexP75,
    double MeanCandidates)
{
    public static DecisionMix From(IReadOnlyList<Samples> samples)
    {
        var total = samples.Sum(s => s.Count);
        double Share(DecisionKind kind) => samples.Sum(s => s.Kinds.Take(s.Count).Count(k => k == kind)) / (double)total;
        var fired = samples.SelectMany(s => s.RuleIndex.Take(s.Count)).Where(i => i >= 0).Select(i => (int)i).Order().ToArray();
        int At(double p) => fired.Length == 0 ? -1 : fired[Math.Clamp((int)Math.Ceiling(p * fired.Length) - 1, 0, fired.Length - 1)];
        return new DecisionMix(
            Share(DecisionKind.RuleFired),
            Share(DecisionKind.RuleTargetFull),
            Share(DecisionKind.NoRule),
            samples.Sum(s => s.Unassigned) / (double)total,
            At(0.25),
            At(0.5),
            At(0.75),
            samples.Sum(s => s.Candidates.Take(s.Count).Sum(c => (double)c)) / total);
    }
}
