namespace CrmActors.Routing;

/// <summary>One problem in a rule set or roster.</summary>
/// <param name="Path">Where, e.g. <c>rules[3].conditions[1].operator</c>, <c>fallback.target.id</c>, <c>roster[2].capacity</c>.</param>
/// <param name="Message">What is wrong, for the admin who wrote it.</param>
/// <param name="RuleIndex">The index of the rule concerned; null for the fallback, weights and roster.</param>
/// <param name="RuleId">The id of the rule concerned, when it has one.</param>
public sealed record class RuleSetError(string Path, string Message, int? RuleIndex = null, string? RuleId = null)
{
    /// <summary>The error as one line, e.g. <c>rules[3] 'douyin-urgent': rules[3].conditions[1].operator: unknown operator 'like'</c>.</summary>
    public override string ToString() => (RuleIndex, RuleId) switch
    {
        ({ } index, { } id) => $"rules[{index}] '{id}': {Path}: {Message}",
        ({ } index, null) => $"rules[{index}]: {Path}: {Message}",
        _ => $"{Path}: {Message}",
    };
}
