using System.Globalization;
using static System.FormattableString;

namespace CrmActors.Routing;

/// <summary>
/// Walks a rule set and roster once, reporting every error and building the compiled form. Validation and
/// compilation share this walk, so what the validator accepts is exactly what the router runs.
/// </summary>
internal sealed class RuleSetCompiler
{
    private static readonly TimeSpan MinSla = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxSla = TimeSpan.FromDays(30);
    private static readonly string FieldNames = string.Join(", ", RuleFields.All);
    private static readonly string OperatorNames = string.Join(", ", ConditionOperators.All);

    private readonly List<RuleSetError> _errors = [];
    private readonly Dictionary<string, int> _repIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _zoneIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TimeZoneInfo> _zones = [];
    private readonly List<CompiledRep> _reps = [];
    private readonly List<CompiledRule> _rules = [];

    private RuleSetCompiler()
    {
    }

    public IReadOnlyList<RuleSetError> Errors => _errors;

    public CompiledRep[] Reps => [.. _reps];

    public TimeZoneInfo[] Zones => [.. _zones];

    public CompiledRule[] Rules => [.. _rules];

    public CompiledAction? Fallback { get; private set; }

    public ScoringWeights Weights { get; private set; } = ScoringWeights.Default;

    public static RuleSetCompiler Run(RuleSet ruleSet, IReadOnlyList<RepProfile> roster)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(roster);
        var compiler = new RuleSetCompiler();
        compiler.CompileRoster(roster);
        compiler.CompileWeights(ruleSet.Weights);
        compiler.CompileRules(ruleSet.Rules);
        if (ruleSet.Fallback is null)
        {
            compiler.Error("fallback", "a rule set needs a fallback action for leads no rule matches");
        }
        else
        {
            compiler.Fallback = compiler.CompileAction(ruleSet.Fallback, "fallback", null, null);
        }

        return compiler;
    }

    private void Error(string path, string message, int? ruleIndex = null, string? ruleId = null) =>
        _errors.Add(new RuleSetError(path, message, ruleIndex, ruleId));

    private void CompileRoster(IReadOnlyList<RepProfile> roster)
    {
        for (var i = 0; i < roster.Count; i++)
        {
            var path = Invariant($"roster[{i}]");
            var rep = roster[i];
            if (rep is null)
            {
                Error(path, "a roster entry is missing");
                continue;
            }

            var errorsBefore = _errors.Count;
            var usableId = false;
            if (string.IsNullOrWhiteSpace(rep.Id))
            {
                Error($"{path}.id", "a rep needs an id");
            }
            else if (_repIndex.TryGetValue(rep.Id, out var other))
            {
                Error($"{path}.id", Invariant($"duplicate rep id '{rep.Id}' (also roster[{other}])"));
            }
            else
            {
                usableId = true;
            }

            if (rep.Capacity < 0)
            {
                Error($"{path}.capacity", Invariant($"capacity cannot be negative, got {rep.Capacity}"));
            }

            if (rep.DataQuality is { } quality && !(quality >= 0 && quality <= 1))
            {
                Error($"{path}.dataQuality", Invariant($"data quality is a share from 0 to 1, got {quality}"));
            }

            var groups = Strings(rep.Groups, $"{path}.groups");
            var industries = Strings(rep.Industries, $"{path}.industries");
            var levels = Strings(rep.InstitutionLevels, $"{path}.institutionLevels");
            var products = Strings(rep.Products, $"{path}.products");
            var regions = Strings(rep.Regions, $"{path}.regions");
            var languages = Strings(rep.Languages, $"{path}.languages");
            if (rep.DealSize is { } deal && (deal.Min < 0 || deal.Min > deal.Max))
            {
                Error($"{path}.dealSize", Invariant($"min {deal.Min} must be at least 0 and not above max {deal.Max}"));
            }

            var wins = Wins(rep.Wins, $"{path}.wins");
            var zone = Zone(rep.WorkingHours, $"{path}.workingHours");
            if (!usableId)
            {
                continue;
            }

            // A rep with errors is still known by id and groups (at index -1), so that rules naming them are not
            // reported as unknown as well; its errors already keep the rule set from compiling.
            var index = _errors.Count > errorsBefore ? -1 : _reps.Count;
            _repIndex.Add(rep.Id, index);
            if (index >= 0)
            {
                _reps.Add(new CompiledRep(index, rep, groups, industries, levels, products, regions, languages, wins, zone));
            }

            foreach (var group in groups.Distinct(StringComparer.Ordinal))
            {
                if (!_groups.TryGetValue(group, out var members))
                {
                    _groups.Add(group, members = []);
                }

                members.Add(index);
            }
        }
    }

    /// <summary>The non-blank values, trimmed; a missing list or blank value is reported.</summary>
    private string[] Strings(IReadOnlyList<string>? values, string path)
    {
        if (values is null)
        {
            Error(path, "must be a list (it may be empty)");
            return [];
        }

        var result = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                Error(Invariant($"{path}[{i}]"), "value is blank");
            }
            else
            {
                result.Add(values[i].Trim());
            }
        }

        return [.. result];
    }

    private WinRecord[] Wins(IReadOnlyList<WinRecord>? wins, string path)
    {
        if (wins is null)
        {
            Error(path, "must be a list (it may be empty)");
            return [];
        }

        for (var i = 0; i < wins.Count; i++)
        {
            if (wins[i] is null)
            {
                Error(Invariant($"{path}[{i}]"), "a win record is missing");
            }
            else if (wins[i].Count < 0)
            {
                Error(Invariant($"{path}[{i}].count"), Invariant($"a win count cannot be negative, got {wins[i].Count}"));
            }
        }

        return [.. wins];
    }

    private int Zone(WorkingHours? hours, string path)
    {
        if (hours is null)
        {
            return -1;
        }

        if (hours.Days is null || hours.Days.Count == 0)
        {
            Error($"{path}.days", "working hours need at least one day");
        }
        else
        {
            for (var i = 0; i < hours.Days.Count; i++)
            {
                if (!Enum.IsDefined(hours.Days[i]))
                {
                    Error(Invariant($"{path}.days[{i}]"), Invariant($"'{(int)hours.Days[i]}' is not a day of the week"));
                }
            }
        }

        if (string.IsNullOrWhiteSpace(hours.TimeZoneId))
        {
            Error($"{path}.timeZoneId", "working hours need an IANA time zone id such as Asia/Shanghai");
            return -1;
        }

        if (_zoneIndex.TryGetValue(hours.TimeZoneId, out var known))
        {
            return known;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZoneId, out var zone))
        {
            Error($"{path}.timeZoneId", $"unknown time zone '{hours.TimeZoneId}'; use an IANA id such as Asia/Shanghai");
            return -1;
        }

        _zones.Add(zone);
        _zoneIndex.Add(hours.TimeZoneId, _zones.Count - 1);
        return _zones.Count - 1;
    }

    private void CompileWeights(ScoringWeights? weights)
    {
        if (weights is null)
        {
            Error("weights", "scoring weights are required (leave them out for the defaults)");
            return;
        }

        Weight("weights.industry", weights.Industry);
        Weight("weights.institutionLevel", weights.InstitutionLevel);
        Weight("weights.product", weights.Product);
        Weight("weights.region", weights.Region);
        Weight("weights.language", weights.Language);
        Weight("weights.budgetBand", weights.BudgetBand);
        Weight("weights.pastWins", weights.PastWins);
        Weight("weights.capacity", weights.Capacity);
        Weight("weights.fairness", weights.Fairness);
        Weight("weights.urgencyBoost", weights.UrgencyBoost);
        Weight("weights.leadScore", weights.LeadScore);
        Weight("weights.dataQuality", weights.DataQuality);
        HalfPoint("weights.pastWinsHalfPoint", weights.PastWinsHalfPoint);
        HalfPoint("weights.fairnessHalfPoint", weights.FairnessHalfPoint);
        Weights = weights;
    }

    private void Weight(string path, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Error(path, Invariant($"a weight must be a number of at least 0, got {value}"));
        }
    }

    private void HalfPoint(string path, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Error(path, Invariant($"a half point must be a number above 0, got {value}"));
        }
    }

    private void CompileRules(IReadOnlyList<Rule>? rules)
    {
        if (rules is null)
        {
            Error("rules", "a rule set needs a list of rules (it may be empty)");
            return;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            if (CompileRule(rules[i], i, ids) is { } compiled)
            {
                _rules.Add(compiled);
            }
        }
    }

    private CompiledRule? CompileRule(Rule? rule, int index, Dictionary<string, int> ids)
    {
        var path = Invariant($"rules[{index}]");
        if (rule is null)
        {
            Error(path, "a rule is missing", index);
            return null;
        }

        var errorsBefore = _errors.Count;
        var id = string.IsNullOrWhiteSpace(rule.Id) ? null : rule.Id;
        if (id is null)
        {
            Error($"{path}.id", "a rule needs an id", index);
        }
        else if (!ids.TryAdd(id, index))
        {
            Error($"{path}.id", Invariant($"duplicate rule id '{id}' (also rules[{ids[id]}])"), index, id);
        }

        var conditions = new List<CompiledCondition>();
        if (rule.Conditions is null)
        {
            Error($"{path}.conditions", "a rule needs a list of conditions (an empty list matches every lead)", index, id);
        }
        else
        {
            for (var j = 0; j < rule.Conditions.Count; j++)
            {
                if (CompileCondition(rule.Conditions[j], Invariant($"{path}.conditions[{j}]"), index, id) is { } condition)
                {
                    conditions.Add(condition);
                }
            }
        }

        var action = CompileAction(rule.Action, $"{path}.action", index, id);
        return _errors.Count > errorsBefore || action is null
            ? null
            : new CompiledRule(index, id!, string.IsNullOrWhiteSpace(rule.Name) ? id! : rule.Name, [.. conditions], action);
    }

    private CompiledCondition? CompileCondition(Condition? condition, string path, int ruleIndex, string? ruleId)
    {
        if (condition is null)
        {
            Error(path, "a condition is missing", ruleIndex, ruleId);
            return null;
        }

        var knownField = RuleVocabulary.TryField(condition.Field, out var field);
        if (!knownField)
        {
            Error($"{path}.field", $"unknown field '{condition.Field}'; expected one of {FieldNames}", ruleIndex, ruleId);
        }

        var knownOperator = RuleVocabulary.TryOperator(condition.Operator, out var op);
        if (!knownOperator)
        {
            Error($"{path}.operator", $"unknown operator '{condition.Operator}'; expected one of {OperatorNames}", ruleIndex, ruleId);
        }

        if (!knownField || !knownOperator)
        {
            return null;
        }

        var fieldName = RuleVocabulary.Name(field);
        var opName = RuleVocabulary.Name(op);
        if (!RuleVocabulary.Supports(field, op))
        {
            var kind = RuleVocabulary.IsNumeric(field) ? "numeric" : "text";
            Error($"{path}.operator", $"operator '{opName}' does not apply to {kind} field '{fieldName}'; use {RuleVocabulary.SupportedOperators(field)}", ruleIndex, ruleId);
            return null;
        }

        var values = condition.Values;
        if (values is null || values.Count == 0)
        {
            Error($"{path}.values", op == OperatorId.ContainsAny ? "containsAny needs at least one keyword" : $"operator '{opName}' needs a value", ruleIndex, ruleId);
            return null;
        }

        var expected = op switch
        {
            OperatorId.EqualTo or OperatorId.Gte or OperatorId.Lte => 1,
            OperatorId.Between => 2,
            _ => 0,
        };
        if (expected > 0 && values.Count != expected)
        {
            var wanted = expected == 1 ? "exactly one value" : "two values, min and max";
            Error($"{path}.values", Invariant($"operator '{opName}' takes {wanted}, got {values.Count}"), ruleIndex, ruleId);
            return null;
        }

        return RuleVocabulary.IsNumeric(field)
            ? NumericCondition(field, op, values, path, ruleIndex, ruleId)
            : TextCondition(field, op, values, path, ruleIndex, ruleId);
    }

    private CompiledCondition? TextCondition(FieldId field, OperatorId op, IReadOnlyList<string> values, string path, int ruleIndex, string? ruleId)
    {
        var texts = new string[values.Count];
        var ok = true;
        for (var k = 0; k < values.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(values[k]))
            {
                Error(Invariant($"{path}.values[{k}]"), op == OperatorId.ContainsAny ? "keyword is blank" : "value is blank", ruleIndex, ruleId);
                ok = false;
                continue;
            }

            texts[k] = values[k].Trim();
        }

        return ok ? CompiledCondition.ForText(field, op, texts) : null;
    }

    private CompiledCondition? NumericCondition(FieldId field, OperatorId op, IReadOnlyList<string> values, string path, int ruleIndex, string? ruleId)
    {
        var numbers = new decimal[values.Count];
        var ok = true;
        for (var k = 0; k < values.Count; k++)
        {
            var valuePath = Invariant($"{path}.values[{k}]");
            if (!decimal.TryParse(values[k], NumberStyles.Number, CultureInfo.InvariantCulture, out numbers[k]))
            {
                Error(valuePath, $"'{values[k]}' is not a number (write digits, e.g. 500000)", ruleIndex, ruleId);
                ok = false;
            }
            else if (field == FieldId.Quality && numbers[k] is < 0 or > 100)
            {
                Error(valuePath, Invariant($"quality is a score from 0 to 100, got {numbers[k]}"), ruleIndex, ruleId);
                ok = false;
            }
            else if (field == FieldId.Budget && numbers[k] < 0)
            {
                Error(valuePath, Invariant($"a budget cannot be negative, got {numbers[k]}"), ruleIndex, ruleId);
                ok = false;
            }
        }

        if (ok && op == OperatorId.Between && numbers[0] > numbers[1])
        {
            Error($"{path}.values", Invariant($"min {numbers[0]} is greater than max {numbers[1]}"), ruleIndex, ruleId);
            ok = false;
        }

        return ok ? CompiledCondition.ForNumbers(field, op, numbers) : null;
    }

    private CompiledAction? CompileAction(RuleAction? action, string path, int? ruleIndex, string? ruleId)
    {
        if (action is null)
        {
            Error(path, "an action is required", ruleIndex, ruleId);
            return null;
        }

        var errorsBefore = _errors.Count;
        var (pool, require) = CompileTarget(action.Target, $"{path}.target", ruleIndex, ruleId);

        int[] technicalPool = [];
        if (!Enum.IsDefined(action.CoAssign))
        {
            Error($"{path}.coAssign", Invariant($"unknown co-assign role {(int)action.CoAssign}; use none, supervisor or technicalEngineer"), ruleIndex, ruleId);
        }
        else if (action.CoAssign == CoAssignRole.TechnicalEngineer)
        {
            if (string.IsNullOrWhiteSpace(action.TechnicalEngineerGroup))
            {
                Error($"{path}.technicalEngineerGroup", "co-assigning a technical engineer needs the group to pick one from", ruleIndex, ruleId);
            }
            else if (!_groups.TryGetValue(action.TechnicalEngineerGroup, out var engineers))
            {
                Error($"{path}.technicalEngineerGroup", $"unknown group '{action.TechnicalEngineerGroup}' (no rep in the roster belongs to it)", ruleIndex, ruleId);
            }
            else
            {
                technicalPool = [.. engineers];
            }
        }
        else if (action.TechnicalEngineerGroup is not null)
        {
            Error($"{path}.technicalEngineerGroup", "a technical engineer group is only used with coAssign technicalEngineer", ruleIndex, ruleId);
        }

        if (!Enum.IsDefined(action.Urgency))
        {
            Error($"{path}.urgency", Invariant($"unknown urgency {(int)action.Urgency}; use low, normal, high or critical"), ruleIndex, ruleId);
        }

        if (action.FirstTouchSla < MinSla || action.FirstTouchSla > MaxSla)
        {
            Error($"{path}.firstTouchSla", Invariant($"the first-touch SLA must be between 1 minute and 30 days, got {action.FirstTouchSla}"), ruleIndex, ruleId);
        }

        if (action.Notify is null)
        {
            Error($"{path}.notify", "must be a list (it may be empty)", ruleIndex, ruleId);
        }
        else
        {
            for (var k = 0; k < action.Notify.Count; k++)
            {
                if (!Enum.IsDefined(action.Notify[k]))
                {
                    Error(Invariant($"{path}.notify[{k}]"), Invariant($"unknown notify channel {(int)action.Notify[k]}"), ruleIndex, ruleId);
                }
            }
        }

        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        var shortlist = action.Target.Kind == TargetKind.TopOfGroup ? action.Target.Count : 1;
        return new CompiledAction(action, pool, shortlist, require, technicalPool, Array.AsReadOnly(action.Notify!.Distinct().ToArray()));
    }

    private (int[] Pool, FieldId[] Require) CompileTarget(RouteTarget? target, string path, int? ruleIndex, string? ruleId)
    {
        if (target is null)
        {
            Error(path, "an action needs a target: a group, a rep, or the top N of a group", ruleIndex, ruleId);
            return ([], []);
        }

        int[] pool = [];
        if (!Enum.IsDefined(target.Kind))
        {
            Error($"{path}.kind", Invariant($"unknown target kind {(int)target.Kind}; use group, rep or topOfGroup"), ruleIndex, ruleId);
        }
        else if (string.IsNullOrWhiteSpace(target.Id))
        {
            Error($"{path}.id", target.Kind == TargetKind.Rep ? "a rep target needs the rep's id" : "a group target needs the group's name", ruleIndex, ruleId);
        }
        else if (target.Kind == TargetKind.Rep)
        {
            if (_repIndex.TryGetValue(target.Id, out var rep))
            {
                pool = [rep];
            }
            else
            {
                Error($"{path}.id", $"unknown rep '{target.Id}' (not in the roster)", ruleIndex, ruleId);
            }
        }
        else if (_groups.TryGetValue(target.Id, out var members))
        {
            pool = [.. members];
        }
        else
        {
            Error($"{path}.id", $"unknown group '{target.Id}' (no rep in the roster belongs to it)", ruleIndex, ruleId);
        }

        if (target.Kind == TargetKind.TopOfGroup && target.Count < 1)
        {
            Error($"{path}.count", Invariant($"top N needs N of at least 1, got {target.Count}"), ruleIndex, ruleId);
        }

        if (target.RequireMatch is null)
        {
            Error($"{path}.requireMatch", "must be a list (it may be empty)", ruleIndex, ruleId);
            return (pool, []);
        }

        var require = new List<FieldId>();
        for (var k = 0; k < target.RequireMatch.Count; k++)
        {
            if (RuleVocabulary.TryField(target.RequireMatch[k], out var field) && RuleVocabulary.IsProfileField(field))
            {
                require.Add(field);
            }
            else
            {
                Error(Invariant($"{path}.requireMatch[{k}]"), $"'{target.RequireMatch[k]}' cannot be required; use industry, institutionLevel, product, region or language", ruleIndex, ruleId);
            }
        }

        return (pool, [.. require.Distinct()]);
    }
}
