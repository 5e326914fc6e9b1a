using static System.FormattableString;

namespace CrmActors.Routing;

/// <summary>
/// One validated rule set version bound to a roster snapshot, compiled once and then used for any number of
/// decisions. Immutable and safe to share between threads; <see cref="Route"/> does no I/O and reads no clock.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly CompiledRule[] _rules;
    private readonly CompiledAction _fallback;
    private readonly TimeZoneInfo[] _zones;
    private readonly CandidateRanker _ranker;

    private CompiledRuleSet(RuleSet source, IReadOnlyList<RepProfile> roster, RuleSetCompiler compiled)
    {
        Source = source;
        Roster = [.. roster];
        _rules = compiled.Rules;
        _fallback = compiled.Fallback!;
        _zones = compiled.Zones;
        _ranker = new CandidateRanker(compiled.Reps, compiled.Weights);
    }

    /// <summary>The rule set compiled.</summary>
    public RuleSet Source { get; }

    /// <summary>The roster snapshot compiled with it (a copy of the list given).</summary>
    public IReadOnlyList<RepProfile> Roster { get; }

    /// <summary>The rule set's version.</summary>
    public int Version => Source.Version;

    /// <summary>
    /// Validates and compiles <paramref name="ruleSet"/> for <paramref name="roster"/>. Profiles and rules are copied,
    /// so later changes to the lists passed in do not affect the result.
    /// </summary>
    /// <exception cref="RuleSetValidationException">The rule set or roster is invalid (see <see cref="RuleSetValidator"/>).</exception>
    public static CompiledRuleSet Create(RuleSet ruleSet, IReadOnlyList<RepProfile> roster)
    {
        var compiled = RuleSetCompiler.Run(ruleSet, roster);
        return compiled.Errors.Count > 0
            ? throw new RuleSetValidationException(compiled.Errors)
            : new CompiledRuleSet(ruleSet, roster, compiled);
    }

    /// <summary>
    /// Routes <paramref name="lead"/>: the first rule whose conditions all match decides (the fallback action when
    /// none does); the target's eligible reps are scored and the best owns the lead. When the rule's target has
    /// nobody eligible, the fallback target picks the owner while the rule still sets urgency, SLA, alerts and
    /// co-assignment. For reassignment pass the reps who already had the lead in <paramref name="exclude"/>.
    /// </summary>
    /// <param name="lead">The lead to route.</param>
    /// <param name="loads">Each rep's current load by rep id; a rep not in it counts as having no load.</param>
    /// <param name="now">The decision time: leave, working hours and <see cref="RoutingDecision.DecidedAt"/> use it.</param>
    /// <param name="exclude">Rep ids that must not receive the lead.</param>
    /// <exception cref="ArgumentException">The lead cannot be routed (<see cref="RoutingLead.Check"/>: a score outside 0 to 1).</exception>
    public RoutingDecision Route(RoutingLead lead, IReadOnlyDictionary<string, RepLoad> loads, DateTimeOffset now, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(loads);
        if (lead.Check() is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(lead));
        }

        var view = new LeadView(lead);
        var rule = FirstMatch(view);
        var action = rule?.Action ?? _fallback;
        var context = new RankingContext(view, action.Source.Urgency, loads, now, exclude, LocalTimes(now));
        var notes = new List<string>(4);
        notes.Add(rule is null
            ? "No rule matched; the fallback action applies."
            : Invariant($"Rule '{rule.Id}' ({rule.Name}) at index {rule.Index} matched."));

        var target = action;
        var usedFallback = rule is null;
        var ranking = _ranker.Rank(target.Pool, target.Require, context);
        if (ranking.EligibleCount == 0 && rule is not null)
        {
            usedFallback = true;
            notes.Add($"Nobody in {target.DescribeTarget()} is eligible ({ranking.DescribeExclusions()}); the fallback target, {_fallback.DescribeTarget()}, picks the owner.");
            target = _fallback;
            ranking = _ranker.Rank(target.Pool, target.Require, context);
        }

        var weighsScore = Source.Weights.LeadScore > 0;
        if (weighsScore)
        {
            notes.Add(lead.Score is { } score
                ? Invariant($"The lead's score {score:0.###} (its win probability) weighs each rep's closing record (leadScore).")
                : "The lead's score is unknown (no model answered), so leadScore counts 0 for every rep.");
        }

        if (Source.Weights.DataQuality > 0)
        {
            notes.Add("Each rep's data quality over the last 30 days (key fields, evidence, logged on time; none logged counts 0) weighs in (dataQuality).");
        }

        var owner = ranking.Best;
        string? unassigned = null;
        if (owner is null)
        {
            unassigned = $"Every candidate is at capacity or unavailable ({ranking.DescribeExclusions()}).";
            notes.Add($"Nobody in {target.DescribeTarget()} is eligible; the lead stays unassigned.");
        }
        else
        {
            notes.Add(Invariant($"'{owner.Id}' ranks first in {target.DescribeTarget()} with {ranking.Candidates[0].Total:0.###} of {ranking.EligibleCount} eligible candidate(s)."));
        }

        return new RoutingDecision
        {
            LeadId = lead.Id,
            RuleSetVersion = Source.Version,
            RuleId = rule?.Id,
            RuleIndex = rule?.Index,
            UsedFallback = usedFallback,
            ChosenRepId = owner?.Id,
            Shortlist = ranking.Shortlist(target.ShortlistSize),
            UnassignedReason = unassigned,
            CoAssignment = CoAssign(action, owner, context, notes),
            EscalationRepId = owner?.SupervisorId,
            Urgency = action.Source.Urgency,
            FirstTouchSla = action.Source.FirstTouchSla,
            Notify = action.Notify,
            Candidates = ranking.Candidates,
            LeadScore = weighsScore ? lead.Score : null,
            Notes = notes,
            DecidedAt = now,
        };
    }

    private CompiledRule? FirstMatch(in LeadView lead)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(lead))
            {
                return rule;
            }
        }

        return null;
    }

    private DateTime[] LocalTimes(DateTimeOffset now)
    {
        if (_zones.Length == 0)
        {
            return [];
        }

        var local = new DateTime[_zones.Length];
        for (var i = 0; i < _zones.Length; i++)
        {
            local[i] = TimeZoneInfo.ConvertTime(now, _zones[i]).DateTime;
        }

        return local;
    }

    private CoAssignment? CoAssign(CompiledAction action, CompiledRep? owner, RankingContext context, List<string> notes)
    {
        switch (action.Source.CoAssign)
        {
            case CoAssignRole.Supervisor when owner is null:
                return new CoAssignment(CoAssignRole.Supervisor, null, "no owner was chosen, so there is no supervisor to add", []);
            case CoAssignRole.Supervisor when owner.SupervisorId is null:
                return new CoAssignment(CoAssignRole.Supervisor, null, $"rep '{owner.Id}' has no supervisor", []);
            case CoAssignRole.Supervisor:
                notes.Add($"Supervisor '{owner.SupervisorId}' is co-assigned.");
                return new CoAssignment(CoAssignRole.Supervisor, owner.SupervisorId, null, []);
            case CoAssignRole.TechnicalEngineer:
                var engineers = _ranker.Rank(action.TechnicalPool, [], context, owner?.Index ?? -1);
                if (engineers.EligibleCount == 0)
                {
                    var reason = $"no technical engineer in group '{action.Source.TechnicalEngineerGroup}' is eligible ({engineers.DescribeExclusions()})";
                    notes.Add($"No technical engineer is co-assigned: {reason}.");
                    return new CoAssignment(CoAssignRole.TechnicalEngineer, null, reason, engineers.Candidates);
                }

                notes.Add($"Technical engineer '{engineers.Candidates[0].RepId}' is co-assigned.");
                return new CoAssignment(CoAssignRole.TechnicalEngineer, engineers.Candidates[0].RepId, null, engineers.Candidates);
            default:
                return null;
        }
    }
}
