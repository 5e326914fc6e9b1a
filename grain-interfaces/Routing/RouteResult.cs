namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// A routing decision: the live version and rule, eligible reps best first (the lead tries them in order, the
/// rep actors enforce capacity), the first-touch window, and the full explanation as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RouteResult")]
public sealed record class RouteResult(
    int RuleSetVersion, string? RuleId, IReadOnlyList<string> Ranked, TimeSpan FirstTouchSla, string DecisionJson,
    string? CoAssigneeRepId = null, bool CoAssigneeIsSupervisor = false, IReadOnlyList<string>? Notify = null);
