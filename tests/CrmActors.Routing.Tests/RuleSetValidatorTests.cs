namespace CrmActors.Routing.Tests;

/// <summary>Every kind of invalid rule set or roster is reported with the rule and the field path.</summary>
public sealed class RuleSetValidatorTests
{
    private static readonly RepProfile[] Roster =
    [
        Build.Rep("rep-li", "sales"),
        Build.Rep("eng-gao", "tech-support"),
    ];

    private static RuleSet WithRule(Rule rule) =>
        Build.Set(Build.ToGroup("sales"), Build.Rule("ok-0", Build.ToGroup("sales")), Build.Rule("ok-1", Build.ToGroup("sales")), rule);

    private static RuleSet WithCondition(Condition condition) =>
        WithRule(Build.Rule("r-1", Build.ToGroup("sales"), Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "wechat"), condition));

    private static RuleSet WithAction(RuleAction action) => WithRule(Build.Rule("r-1", action));

    private static RuleSetError Single(RuleSet ruleSet, IReadOnlyList<RepProfile>? roster = null) =>
        Assert.Single(RuleSetValidator.Validate(ruleSet, roster ?? Roster));

    [Fact]
    public void Validate_ValidRuleSet_ReturnsNoErrors()
    {
        var ruleSet = Build.Set(
            Build.ToGroup("sales"),
            Build.Rule(
                "all-operators",
                Build.ToGroup("sales") with { CoAssign = CoAssignRole.TechnicalEngineer, TechnicalEngineerGroup = "tech-support", FirstTouchSla = TimeSpan.FromMinutes(1) },
                Build.When(RuleFields.Channel, ConditionOperators.In, "wechat", "douyin_dm"),
                Build.When(RuleFields.Region, ConditionOperators.NotIn, "west"),
                Build.When(RuleFields.Budget, ConditionOperators.Between, "0", "500000"),
                Build.When(RuleFields.Quality, ConditionOperators.Gte, "0"),
                Build.When(RuleFields.Quality, ConditionOperators.Lte, "100"),
                Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急", "urgent")),
            Build.Rule("vip", Build.ToRep("rep-li") with { FirstTouchSla = TimeSpan.FromDays(30) }));

        Assert.Empty(RuleSetValidator.Validate(ruleSet, Roster));
    }

    [Fact]
    public void Validate_UnknownField_NamesRuleAndFieldPath()
    {
        var error = Single(WithCondition(Build.When("colour", ConditionOperators.EqualTo, "red")));

        Assert.Equal(("rules[2].conditions[1].field", 2, "r-1"), (error.Path, error.RuleIndex, error.RuleId));
        Assert.StartsWith("unknown field 'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownOperatorInFourthRule_PathIsRules3Conditions1Operator()
    {
        var ruleSet = Build.Set(
            Build.ToGroup("sales"),
            Build.Rule("a", Build.ToGroup("sales")),
            Build.Rule("b", Build.ToGroup("sales")),
            Build.Rule("c", Build.ToGroup("sales")),
            Build.Rule("douyin-urgent", Build.ToGroup("sales"), Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "douyin_dm"), Build.When(RuleFields.Note, "like", "急")));

        var error = Single(ruleSet);

        Assert.Equal("rules[3].conditions[1].operator", error.Path);
        Assert.Equal("rules[3] 'douyin-urgent': rules[3].conditions[1].operator: unknown operator 'like'; expected one of equals, in, notIn, between, gte, lte, containsAny", error.ToString());
    }

    [Theory]
    [InlineData(RuleFields.Region, ConditionOperators.Between, "a", "b")]
    [InlineData(RuleFields.Industry, ConditionOperators.Gte, "5")]
    [InlineData(RuleFields.Budget, ConditionOperators.ContainsAny, "500")]
    [InlineData(RuleFields.Note, ConditionOperators.EqualTo, "urgent")]
    [InlineData(RuleFields.Note, ConditionOperators.In, "urgent")]
    public void Validate_OperatorNotForFieldType_IsRejectedOnTheOperator(string field, string op, params string[] values)
    {
        var error = Single(WithCondition(Build.When(field, op, values)));

        Assert.Equal("rules[2].conditions[1].operator", error.Path);
        Assert.Contains($"does not apply to", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleFields.Budget, "500k", "rules[2].conditions[1].values[0]")]
    [InlineData(RuleFields.Quality, "high", "rules[2].conditions[1].values[0]")]
    [InlineData(RuleFields.Quality, "101", "rules[2].conditions[1].values[0]")]
    [InlineData(RuleFields.Budget, "-1", "rules[2].conditions[1].values[0]")]
    public void Validate_BadNumericValue_IsRejectedOnTheValue(string field, string value, string path) =>
        Assert.Equal(path, Single(WithCondition(Build.When(field, ConditionOperators.Gte, value))).Path);

    [Fact]
    public void Validate_BetweenMinAboveMax_IsRejected()
    {
        var error = Single(WithCondition(Build.When(RuleFields.Budget, ConditionOperators.Between, "900000", "500000")));

        Assert.Equal("rules[2].conditions[1].values", error.Path);
        Assert.Equal("min 900000 is greater than max 500000", error.Message);
    }

    [Theory]
    [InlineData(ConditionOperators.Between, 1)]
    [InlineData(ConditionOperators.Between, 3)]
    [InlineData(ConditionOperators.Gte, 2)]
    [InlineData(ConditionOperators.EqualTo, 2)]
    public void Validate_WrongNumberOfValues_IsRejected(string op, int count)
    {
        var values = Enumerable.Range(1, count).Select(i => (i * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var error = Single(WithCondition(Build.When(RuleFields.Budget, op, values)));

        Assert.Equal("rules[2].conditions[1].values", error.Path);
    }

    [Fact]
    public void Validate_EmptyKeywordList_IsRejected()
    {
        var error = Single(WithCondition(Build.When(RuleFields.Note, ConditionOperators.ContainsAny)));

        Assert.Equal(("rules[2].conditions[1].values", "containsAny needs at least one keyword"), (error.Path, error.Message));
    }

    [Fact]
    public void Validate_BlankKeyword_IsRejectedOnThatKeyword()
    {
        var error = Single(WithCondition(Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急", "  ")));

        Assert.Equal(("rules[2].conditions[1].values[1]", "keyword is blank"), (error.Path, error.Message));
    }

    [Fact]
    public void Validate_MissingValuesList_IsRejected() =>
        Assert.Equal("rules[2].conditions[1].values", Single(WithCondition(new Condition(RuleFields.Industry, ConditionOperators.In, null!))).Path);

    [Fact]
    public void Validate_UnknownTargetRep_IsRejected()
    {
        var error = Single(WithAction(Build.ToRep("rep-nobody")));

        Assert.Equal(("rules[2].action.target.id", "unknown rep 'rep-nobody' (not in the roster)"), (error.Path, error.Message));
    }

    [Fact]
    public void Validate_UnknownTargetGroup_IsRejected()
    {
        var error = Single(WithAction(Build.ToGroup("sales-z")));

        Assert.Equal(("rules[2].action.target.id", "unknown group 'sales-z' (no rep in the roster belongs to it)"), (error.Path, error.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Validate_TopNBelowOne_IsRejected(int n) =>
        Assert.Equal("rules[2].action.target.count", Single(WithAction(new RuleAction { Target = RouteTarget.TopOfGroup("sales", n) })).Path);

    [Theory]
    [InlineData("budget")]
    [InlineData("shoeSize")]
    public void Validate_RequireMatchOnNonProfileField_IsRejected(string field) =>
        Assert.Equal(
            "rules[2].action.target.requireMatch[0]",
            Single(WithAction(new RuleAction { Target = RouteTarget.Group("sales") with { RequireMatch = [field] } })).Path);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(30 * 24 * 60 + 1)]
    public void Validate_SlaOutsideOneMinuteTo30Days_IsRejected(double minutes)
    {
        var error = Single(WithAction(Build.ToGroup("sales") with { FirstTouchSla = TimeSpan.FromMinutes(minutes) }));

        Assert.Equal("rules[2].action.firstTouchSla", error.Path);
    }

    [Fact]
    public void Validate_TechnicalEngineerWithoutGroup_IsRejected() =>
        Assert.Equal(
            "rules[2].action.technicalEngineerGroup",
            Single(WithAction(Build.ToGroup("sales") with { CoAssign = CoAssignRole.TechnicalEngineer })).Path);

    [Fact]
    public void Validate_TechnicalEngineerFromUnknownGroup_IsRejected() =>
        Assert.Equal(
            "unknown group 'engineers' (no rep in the roster belongs to it)",
            Single(WithAction(Build.ToGroup("sales") with { CoAssign = CoAssignRole.TechnicalEngineer, TechnicalEngineerGroup = "engineers" })).Message);

    [Fact]
    public void Validate_EngineerGroupWithoutEngineerRole_IsRejected() =>
        Assert.Equal(
            "rules[2].action.technicalEngineerGroup",
            Single(WithAction(Build.ToGroup("sales") with { CoAssign = CoAssignRole.Supervisor, TechnicalEngineerGroup = "tech-support" })).Path);

    [Fact]
    public void Validate_UndefinedEnumValues_AreRejected()
    {
        var action = Build.ToGroup("sales") with { Urgency = (Urgency)9, CoAssign = (CoAssignRole)7, Notify = [NotifyChannel.Sms, (NotifyChannel)42] };

        var paths = RuleSetValidator.Validate(WithAction(action), Roster).Select(e => e.Path);

        Assert.Equal(["rules[2].action.coAssign", "rules[2].action.urgency", "rules[2].action.notify[1]"], paths);
    }

    [Fact]
    public void Validate_DuplicateRuleIds_NamesBothRules()
    {
        var error = Single(WithRule(Build.Rule("ok-0", Build.ToGroup("sales"))));

        Assert.Equal(("rules[2].id", 2, "ok-0"), (error.Path, error.RuleIndex, error.RuleId));
        Assert.Equal("duplicate rule id 'ok-0' (also rules[0])", error.Message);
    }

    [Fact]
    public void Validate_BlankRuleId_IsRejected()
    {
        var error = Single(WithRule(Build.Rule(" ", Build.ToGroup("sales"))));

        Assert.Equal(("rules[2].id", 2, (string?)null), (error.Path, error.RuleIndex, error.RuleId));
    }

    [Fact]
    public void Validate_MissingFallback_IsRejected()
    {
        var error = Single(new RuleSet(1, [Build.Rule("a", Build.ToGroup("sales"))], null));

        Assert.Equal(("fallback", (int?)null), (error.Path, error.RuleIndex));
    }

    [Fact]
    public void Validate_FallbackToUnknownGroup_IsRejectedOnTheFallback() =>
        Assert.Equal("fallback.target.id", Single(Build.Set(Build.ToGroup("nobody"))).Path);

    [Fact]
    public void Validate_NegativeWeightAndZeroHalfPoint_AreRejected()
    {
        var ruleSet = Build.Set(Build.ToGroup("sales")) with { Weights = new ScoringWeights { Fairness = -1, PastWinsHalfPoint = 0 } };

        var paths = RuleSetValidator.Validate(ruleSet, Roster).Select(e => e.Path);

        Assert.Equal(["weights.fairness", "weights.pastWinsHalfPoint"], paths);
    }

    [Fact]
    public void Validate_BadRoster_ReportsEachRepProblem()
    {
        RepProfile[] roster =
        [
            Build.Rep("rep-li", "sales"),
            Build.Rep("rep-li", "sales"),
            Build.Rep("rep-neg", "sales") with { Capacity = -1 },
            Build.Rep("rep-mars", "sales") with { WorkingHours = new WorkingHours("Mars/Olympus_Mons", new TimeOnly(9, 0), new TimeOnly(18, 0)) },
            Build.Rep("rep-deal", "sales") with { DealSize = new BudgetRange(500, 100) },
            Build.Rep("rep-nodays", "sales") with { WorkingHours = new WorkingHours("Asia/Shanghai", new TimeOnly(9, 0), new TimeOnly(18, 0)) { Days = [] } },
            Build.Rep("rep-wins", "sales") with { Wins = [new WinRecord("finance", null, null, -3)] },
        ];

        var paths = RuleSetValidator.Validate(Build.Set(Build.ToGroup("sales")), roster).Select(e => e.Path);

        Assert.Equal(
            ["roster[1].id", "roster[2].capacity", "roster[3].workingHours.timeZoneId", "roster[4].dealSize", "roster[5].workingHours.days", "roster[6].wins[0].count"],
            paths);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThemInOrder()
    {
        var ruleSet = new RuleSet(
            3,
            [
                Build.Rule("a", Build.ToRep("rep-ghost"), Build.When("colour", "like", "red")),
                Build.Rule("b", new RuleAction { Target = RouteTarget.TopOfGroup("sales", 0), FirstTouchSla = TimeSpan.Zero }, Build.When(RuleFields.Budget, ConditionOperators.Between, "9", "1")),
                Build.Rule("a", Build.ToGroup("sales")),
            ],
            null);

        var errors = RuleSetValidator.Validate(ruleSet, Roster);

        Assert.Equal(
            [
                "rules[0].conditions[0].field",
                "rules[0].conditions[0].operator",
                "rules[0].action.target.id",
                "rules[1].conditions[0].values",
                "rules[1].action.target.count",
                "rules[1].action.firstTouchSla",
                "rules[2].id",
                "fallback",
            ],
            errors.Select(e => e.Path));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, null], errors.Select(e => e.RuleIndex));
    }

    [Fact]
    public void Create_InvalidRuleSet_ThrowsWithTheSameErrors()
    {
        var ruleSet = WithAction(Build.ToGroup("sales-z"));

        var thrown = Assert.Throws<RuleSetValidationException>(() => CompiledRuleSet.Create(ruleSet, Roster));

        Assert.Equal(RuleSetValidator.Validate(ruleSet, Roster), thrown.Errors);
        Assert.Contains("rules[2].action.target.id", thrown.Message, StringComparison.Ordinal);
    }
}
