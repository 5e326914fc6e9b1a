namespace CrmActors.Routing;

/// <summary>An operator, resolved from its name in <see cref="ConditionOperators"/>.</summary>
internal enum OperatorId
{
    EqualTo,
    In,
    NotIn,
    Between,
    Gte,
    Lte,
    ContainsAny,
}
