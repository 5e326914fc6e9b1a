namespace CrmActors.GrainInterfaces.Routing;

/// <summary>The outcome of saving or publishing a rule set: the errors (none when it was accepted) and the state after.</summary>
[GenerateSerializer, Immutable, Alias("crm.RuleSetCheck")]
public sealed record class RuleSetCheck(IReadOnlyList<RuleProblem> Errors, RoutingRulesSnapshot Rules);
