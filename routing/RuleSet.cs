namespace CrmActors.Routing;

/// <summary>One version of a tenant's routing configuration: ordered rules, the fallback and the scoring weights.</summary>
/// <param name="Version">The version number, carried into every decision.</param>
/// <param name="Rules">Rules in priority order; the first that fires wins.</param>
/// <param name="Fallback">The action for leads no rule fires on (required; null only so a missing one can be reported).</param>
public sealed record class RuleSet(int Version, IReadOnlyList<Rule> Rules, RuleAction? Fallback)
{
    /// <summary>The tenant's scoring weights.</summary>
    public ScoringWeights Weights { get; init; } = ScoringWeights.Default;
}
