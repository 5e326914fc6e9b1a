namespace CrmActors.Routing;

/// <summary>
/// One routing rule: it fires when every condition matches (an empty list matches every lead). Rules are
/// tried in order and the first that fires decides.
/// </summary>
/// <param name="Id">Unique within the rule set; errors and decisions name the rule by it.</param>
/// <param name="Name">A human name shown in explanations.</param>
/// <param name="Conditions">Conditions, all of which must match.</param>
/// <param name="Action">What to do with a lead the rule fires on.</param>
public sealed record class Rule(string Id, string Name, IReadOnlyList<Condition> Conditions, RuleAction Action);
