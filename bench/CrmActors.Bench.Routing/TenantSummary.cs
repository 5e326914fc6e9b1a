namespace CrmActors.Bench.Routing;

/// <summary>The generated tenant in numbers.</summary>
internal sealed record class TenantSummary(
    int Reps,
    int Groups,
    int SmallestGroup,
    int LargestGroup,
    int TotalCapacity,
    int InactiveOrOnLeave,
    string[] TimeZones,
    int Rules,
    double ConditionsPerRule,
    IReadOnlyDictionary<string, int> TargetKinds,
    IReadOnlyDictionary<string, int> ConditionFields,
    string Fallback)
{
    public static TenantSummary From(Tenant tenant)
    {
        var groups = tenant.Groups.Where(g => g.Key != TenantGenerator.AllGroup).ToArray();
        var rules = tenant.RuleSet.Rules;
        var fallback = tenant.RuleSet.Fallback!.Target;
        return new TenantSummary(
            tenant.Roster.Length,
            groups.Length,
            groups.Min(g => g.Value.Length),
            groups.Max(g => g.Value.Length),
            tenant.Roster.Sum(r => r.Capacity),
            tenant.Roster.Count(r => !r.Active || r.OnLeaveUntil > TenantGenerator.Start),
            tenant.Zones,
            rules.Count,
            rules.Average(r => r.Conditions.Count),
            rules.GroupBy(r => r.Action.Target.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            rules.SelectMany(r => r.Conditions).GroupBy(c => $"{c.Field} {c.Operator}").OrderByDescending(g => g.Count())
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            $"{fallback.Kind} '{fallback.Id}' ({tenant.Groups[fallback.Id].Length} reps)");
    }
}
