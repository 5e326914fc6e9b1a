using System.Text.Json.Serialization;

namespace CrmActors.Routing;

/// <summary>
/// An eligible candidate as a stored decision keeps it (<see cref="StoredExplanation"/>): rank, total, and each
/// component's raw value in thousandths, in the order of <see cref="RoutingDecision.ComponentNames"/>. A component's
/// contribution is its weight (<see cref="RoutingDecision.ComponentWeights"/>) times raw / 1000; the total is their sum
/// (rounding aside). The best-ranked ones (<see cref="StoredExplanation.BreakdownsShown"/>) also keep the load the
/// decision read; the others leave it out.
/// </summary>
public sealed record class CompactScore(
    string RepId,
    int Rank,
    double Total,
    int[] Raw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RepLoad? Load = null);
