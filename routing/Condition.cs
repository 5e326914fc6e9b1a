namespace CrmActors.Routing;

/// <summary>
/// One test on a lead field, e.g. <c>new Condition("budget", "gte", "500000")</c> or
/// <c>new Condition("note", "containsAny", "急", "urgent")</c>. Field and operator are the names in
/// <see cref="RuleFields"/> and <see cref="ConditionOperators"/>; values are text (numbers in invariant
/// culture) so that a rule set authored as JSON can be checked by <see cref="RuleSetValidator"/> with errors
/// naming the rule and field instead of failing to parse. A lead that lacks the field never matches,
/// whatever the operator (also <c>notIn</c>): a rule fires only on what the lead actually says.
/// </summary>
/// <param name="Field">One of <see cref="RuleFields"/>.</param>
/// <param name="Operator">One of <see cref="ConditionOperators"/>.</param>
/// <param name="Values">The operand(s): one for equals/gte/lte, two (min, max) for between, one or more otherwise.</param>
public sealed record class Condition(string Field, string Operator, params IReadOnlyList<string> Values);
