namespace CrmActors.Routing;

/// <summary>
/// Checks one rule set version against a roster before it is tested or published. Every problem is reported,
/// each naming the rule (index and id) and the path of the field, e.g. <c>rules[3].conditions[1].operator</c>.
/// </summary>
public static class RuleSetValidator
{
    /// <summary>
    /// Returns every error in <paramref name="ruleSet"/> and <paramref name="roster"/>; empty when the rule set can be
    /// compiled with <see cref="CompiledRuleSet.Create"/>.
    /// </summary>
    public static IReadOnlyList<RuleSetError> Validate(RuleSet ruleSet, IReadOnlyList<RepProfile> roster) =>
        RuleSetCompiler.Run(ruleSet, roster).Errors;
}
