namespace CrmActors.Routing;

/// <summary>
/// An eligible candidate's score past the breakdowns kept in full (<see cref="StoredExplanation"/>): rank, total, and
/// each component's raw value in thousandths, in <see cref="ScoreComponents.For"/> order. A component's contribution
/// is its weight (<see cref="RoutingDecision.ComponentWeights"/>) times raw / 1000; the total is their sum (rounding
/// aside).
/// </summary>
public sealed record class CompactScore(string RepId, int Rank, double Total, int[] Raw);
