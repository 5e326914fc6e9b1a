namespace CrmActors.GrainInterfaces.Routing;

/// <summary>One problem in a rule set: where (e.g. <c>rules[3].conditions[1].operator</c>), the rule, and what.</summary>
[GenerateSerializer, Immutable, Alias("crm.RuleProblem")]
public sealed record class RuleProblem(string Path, string Message, int? RuleIndex, string? RuleId);
