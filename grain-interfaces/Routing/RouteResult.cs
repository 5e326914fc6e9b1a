namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// A routing decision: the live version and rule, the rep it reserved room with (null when nobody could take the
/// lead, with the reason), the first-touch window, the co-assignee, the channels to alert, and the explanation as
/// JSON (every kept candidate with the load the decision read), and the urgency the rule gave the lead.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RouteDecision")]
public sealed record class RouteResult(
    int RuleSetVersion,
    string? RuleId,
    string? ChosenRepId,
    string? UnassignedReason,
    TimeSpan FirstTouchSla,
    string DecisionJson,
    string? CoAssigneeRepId,
    IReadOnlyList<string> Notify,
    string? Urgency = null);
