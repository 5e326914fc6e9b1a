namespace CrmActors.Routing;

/// <summary>One rep considered for a lead: their rank and score breakdown, or why they were not eligible.</summary>
/// <param name="RepId">The rep.</param>
/// <param name="Rank">1 for the best eligible rep, 2 for the next...; null when not eligible.</param>
/// <param name="Total">The score, the sum of the components' contributions; 0 when not eligible.</param>
/// <param name="Components">The score terms in <see cref="ScoreComponents.For"/> order; empty when not eligible.</param>
/// <param name="Exclusion">Why the rep was not eligible, or <see cref="CandidateExclusion.None"/>.</param>
/// <param name="ExclusionDetail">The exclusion in words (e.g. "at capacity (10/10 open leads)"); null when eligible.</param>
/// <param name="Load">The rep's load the decision read (open leads, recent assignments): what the explanation was true of.</param>
public sealed record class CandidateScore(
    string RepId,
    int? Rank,
    double Total,
    IReadOnlyList<ScoreComponent> Components,
    CandidateExclusion Exclusion,
    string? ExclusionDetail,
    RepLoad? Load = null)
{
    /// <summary>True when the rep could receive the lead.</summary>
    public bool Eligible => Exclusion == CandidateExclusion.None;
}
