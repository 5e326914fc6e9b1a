namespace CrmActors.Routing.Tests;

/// <summary>Short builders for leads, reps and rule sets, so each test shows only what it is about.</summary>
internal static class Build
{
    /// <summary>Wednesday 12 March 2025, 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly IReadOnlyDictionary<string, RepLoad> NoLoads = new Dictionary<string, RepLoad>();

    public static RoutingLead Lead(string channel, string id = "lead-1") =>
        new() { Id = id, Channel = channel, CreatedAt = Now.AddMinutes(-1) };

    public static RepProfile Rep(string id, params string[] groups) =>
        new() { Id = id, DisplayName = id, Groups = groups, Capacity = 10 };

    public static RuleAction ToGroup(string group) => new() { Target = RouteTarget.Group(group) };

    public static RuleAction ToRep(string repId) => new() { Target = RouteTarget.Rep(repId) };

    public static Rule Rule(string id, RuleAction action, params Condition[] conditions) => new(id, id, conditions, action);

    public static Condition When(string field, string op, params string[] values) => new(field, op, values);

    public static RuleSet Set(RuleAction fallback, params Rule[] rules) => new(1, rules, fallback);

    public static CompiledRuleSet Compile(RuleSet ruleSet, params RepProfile[] roster) => CompiledRuleSet.Create(ruleSet, roster);

    public static Dictionary<string, RepLoad> Loads(params (string RepId, int Open, int Recent)[] loads) =>
        loads.ToDictionary(l => l.RepId, l => new RepLoad(l.Open, l.Recent));

    public static CandidateScore Candidate(this RoutingDecision decision, string repId) =>
        decision.Candidates.Single(c => c.RepId == repId);

    public static ScoreComponent Component(this CandidateScore candidate, string name) =>
        candidate.Components.Single(c => c.Name == name);
}
