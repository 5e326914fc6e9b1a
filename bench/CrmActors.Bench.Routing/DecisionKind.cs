namespace CrmActors.Bench.Routing;

/// <summary>Which path a decision took through <c>CompiledRuleSet.Route</c>.</summary>
internal enum DecisionKind
{
    /// <summary>A rule fired and its target had someone eligible: one ranking of the rule's target.</summary>
    RuleFired = 0,

    /// <summary>A rule fired but nobody in its target was eligible: its target and then the fallback (all reps) are ranked.</summary>
    RuleTargetFull = 1,

    /// <summary>No rule fired: every rule was tried and the fallback (all reps) is ranked.</summary>
    NoRule = 2,
}
