using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>A generated tenant: the roster, the rule set and the group memberships behind them.</summary>
/// <param name="Roster">The reps.</param>
/// <param name="RuleSet">The rules, in priority order, and the fallback.</param>
/// <param name="Groups">Group name to member rep ids (the fallback's group included).</param>
/// <param name="Zones">The IANA time zones the reps' working hours use.</param>
internal sealed record class Tenant(
    RepProfile[] Roster,
    RuleSet RuleSet,
    IReadOnlyDictionary<string, string[]> Groups,
    string[] Zones);
