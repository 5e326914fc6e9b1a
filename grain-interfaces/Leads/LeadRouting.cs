namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// Why a lead went where it went: the rule-set version and rule, the rep, the decision (candidates and score
/// components) as JSON, the urgency the rule gave it (null in decisions stored before it was kept) and why nobody took
/// it. <paramref name="DecisionJson"/> is empty when intake took the decision: its explanation is stored once, in the
/// decision's journal row (the routing history).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadRouting")]
public sealed record class LeadRouting(int RuleSetVersion, string? RuleId, string? ChosenRepId, string DecisionJson, DateTimeOffset At, string? Urgency = null, string? UnassignedReason = null);
