namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// Why a lead went where it went: the rule-set version and rule, the rep, the full decision (candidates and score
/// components) as JSON, and the urgency the rule gave it (null in decisions stored before it was kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadRouting")]
public sealed record class LeadRouting(int RuleSetVersion, string? RuleId, string? ChosenRepId, string DecisionJson, DateTimeOffset At, string? Urgency = null);
