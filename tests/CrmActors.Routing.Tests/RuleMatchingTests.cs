namespace CrmActors.Routing.Tests;

/// <summary>Rule order, every operator, keywords in Chinese and English, and the fallback.</summary>
public sealed class RuleMatchingTests
{
    private static readonly RepProfile[] Roster = [Build.Rep("rep-hit", "hit"), Build.Rep("rep-miss", "miss")];

    /// <summary>True when a one-rule set with <paramref name="condition"/> fires on <paramref name="lead"/>.</summary>
    private static bool Fires(Condition condition, RoutingLead lead)
    {
        var router = Build.Compile(Build.Set(Build.ToGroup("miss"), Build.Rule("r", Build.ToGroup("hit"), condition)), Roster);
        var decision = router.Route(lead, Build.NoLoads, Build.Now);
        Assert.Equal(decision.RuleId is null ? "rep-miss" : "rep-hit", decision.ChosenRepId);
        return decision.RuleId == "r";
    }

    [Fact]
    public void Rules_BothMatch_FirstInOrderWins()
    {
        var goLive = Build.Rule("go-live", Build.ToRep("rep-hit"), Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急需上线"));
        var urgent = Build.Rule("urgent", Build.ToRep("rep-miss"), Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急"));
        var lead = Build.Lead("wechat") with { Note = "急需上线" };

        var goLiveFirst = Build.Compile(Build.Set(Build.ToGroup("miss"), goLive, urgent), Roster).Route(lead, Build.NoLoads, Build.Now);
        var urgentFirst = Build.Compile(Build.Set(Build.ToGroup("miss"), urgent, goLive), Roster).Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal(("go-live", 0, "rep-hit"), (goLiveFirst.RuleId, goLiveFirst.RuleIndex!.Value, goLiveFirst.ChosenRepId));
        Assert.Equal(("urgent", 0, "rep-miss"), (urgentFirst.RuleId, urgentFirst.RuleIndex!.Value, urgentFirst.ChosenRepId));
    }

    [Fact]
    public void Rule_OneOfTwoConditionsFails_DoesNotFire()
    {
        var rule = Build.Rule(
            "r",
            Build.ToGroup("hit"),
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "baidu_ads"),
            Build.When(RuleFields.Industry, ConditionOperators.EqualTo, "manufacturing"));
        var router = Build.Compile(Build.Set(Build.ToGroup("miss"), rule), Roster);

        var decision = router.Route(Build.Lead("baidu_ads") with { Industry = "finance" }, Build.NoLoads, Build.Now);

        Assert.Null(decision.RuleId);
    }

    [Fact]
    public void Rule_NoConditions_MatchesEveryLead()
    {
        var router = Build.Compile(Build.Set(Build.ToGroup("miss"), Build.Rule("all", Build.ToGroup("hit"))), Roster);

        var decision = router.Route(Build.Lead("referral"), Build.NoLoads, Build.Now);

        Assert.Equal("all", decision.RuleId);
    }

    [Theory]
    [InlineData("finance", true)]
    [InlineData("FINANCE", true)]
    [InlineData(" finance ", true)]
    [InlineData("manufacturing", false)]
    [InlineData(null, false)]
    public void EqualsOperator_Industry_MatchesIgnoringCase(string? industry, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Industry, ConditionOperators.EqualTo, "Finance"), Build.Lead("x") with { Industry = industry }));

    [Theory]
    [InlineData("baidu_ads", true)]
    [InlineData("douyin_ads", true)]
    [InlineData("douyin_dm", false)]
    public void InOperator_Channel_MatchesAnyListedValue(string channel, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Channel, ConditionOperators.In, "baidu_ads", "douyin_ads"), Build.Lead(channel)));

    [Theory]
    [InlineData("east", true)]
    [InlineData("West", false)]
    [InlineData("north", false)]
    [InlineData(null, false)]
    public void NotInOperator_Region_MatchesPresentValuesNotListed(string? region, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Region, ConditionOperators.NotIn, "west", "north"), Build.Lead("x") with { Region = region }));

    [Theory]
    [InlineData(99_999, false)]
    [InlineData(100_000, true)]
    [InlineData(500_000, true)]
    [InlineData(500_001, false)]
    [InlineData(null, false)]
    public void BetweenOperator_Budget_IsInclusive(int? budget, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Budget, ConditionOperators.Between, "100000", "500000"), Build.Lead("x") with { Budget = budget }));

    [Theory]
    [InlineData(69, false)]
    [InlineData(70, true)]
    [InlineData(100, true)]
    [InlineData(null, false)]
    public void GteOperator_Quality_IncludesTheBound(int? quality, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Quality, ConditionOperators.Gte, "70"), Build.Lead("x") with { Quality = quality }));

    [Theory]
    [InlineData(39, true)]
    [InlineData(40, true)]
    [InlineData(41, false)]
    public void LteOperator_Quality_IncludesTheBound(int quality, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Quality, ConditionOperators.Lte, "40"), Build.Lead("x") with { Quality = quality }));

    [Theory]
    [InlineData(500_000, true)]
    [InlineData(500_000.00, true)]
    [InlineData(499_999, false)]
    public void EqualsOperator_Budget_ComparesNumbers(double budget, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Budget, ConditionOperators.EqualTo, "500,000.0"), Build.Lead("x") with { Budget = (decimal)budget }));

    [Theory]
    [InlineData(50, true)]
    [InlineData(60, false)]
    public void InOperator_Quality_MatchesListedNumbers(int quality, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Quality, ConditionOperators.In, "40", "50"), Build.Lead("x") with { Quality = quality }));

    [Theory]
    [InlineData("客户很急，想下周就上线", true)]
    [InlineData("急需上线，请尽快联系", true)]
    [InlineData("需要上线", false)]
    [InlineData(null, false)]
    public void ContainsAnyOperator_ChineseKeywordJi_MatchesAnySubstring(string? note, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急"), Build.Lead("x") with { Note = note }));

    [Theory]
    [InlineData("我们急需上线", true)]
    [InlineData("我们需要上线", false)]
    [InlineData("急", false)]
    public void ContainsAnyOperator_ChinesePhrase_MatchesOnlyTheWholePhrase(string note, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急需上线"), Build.Lead("x") with { Note = note }));

    [Theory]
    [InlineData("URGENT: need a quote today", true)]
    [InlineData("this is Urgent", true)]
    [InlineData("ＵＲＧＥＮＴ，请回电", true)]
    [InlineData("ASAP please", true)]
    [InlineData("no rush, next quarter", false)]
    public void ContainsAnyOperator_EnglishKeywords_IgnoreCaseAndFullWidth(string note, bool fires) =>
        Assert.Equal(fires, Fires(Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "urgent", "asap"), Build.Lead("x") with { Note = note }));

    [Fact]
    public void ContainsAnyOperator_OnProduct_MatchesSubstring() =>
        Assert.True(Fires(Build.When(RuleFields.Product, ConditionOperators.ContainsAny, "ultrasound"), Build.Lead("x") with { Product = "Portable Ultrasound X5" }));

    [Fact]
    public void FieldAndOperatorNames_WrittenInOtherCase_AreAccepted() =>
        Assert.True(Fires(new Condition("INSTITUTIONLEVEL", "NOTIN", "township clinic"), Build.Lead("x") with { InstitutionLevel = "class-3 hospital" }));

    [Fact]
    public void Fallback_NoRuleMatches_AppliesTheFallbackAction()
    {
        var fallback = Build.ToGroup("miss") with { FirstTouchSla = TimeSpan.FromHours(24), Notify = [NotifyChannel.InApp] };
        var rule = Build.Rule("baidu", Build.ToGroup("hit"), Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "baidu_ads"));
        var router = Build.Compile(Build.Set(fallback, rule), Roster);

        var decision = router.Route(Build.Lead("referral"), Build.NoLoads, Build.Now);

        Assert.True(decision.UsedFallback);
        Assert.Null(decision.RuleId);
        Assert.Null(decision.RuleIndex);
        Assert.Equal("rep-miss", decision.ChosenRepId);
        Assert.Equal(TimeSpan.FromHours(24), decision.FirstTouchSla);
        Assert.Equal([NotifyChannel.InApp], decision.Notify);
        Assert.Equal(Urgency.Normal, decision.Urgency);
        Assert.Equal("No rule matched; the fallback action applies.", decision.Notes[0]);
    }

    [Fact]
    public void Fallback_RuleTargetHasNobodyEligible_FallbackTargetOwnsButRuleKeepsUrgencySlaAndAlerts()
    {
        var rule = Build.Rule(
            "urgent",
            Build.ToGroup("hit") with { Urgency = Urgency.High, FirstTouchSla = TimeSpan.FromMinutes(30), Notify = [NotifyChannel.Sms] },
            Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "urgent"));
        var router = Build.Compile(Build.Set(Build.ToGroup("miss"), rule), Roster);

        var decision = router.Route(Build.Lead("x") with { Note = "urgent" }, Build.Loads(("rep-hit", 10, 0)), Build.Now);

        Assert.Equal("urgent", decision.RuleId);
        Assert.True(decision.UsedFallback);
        Assert.Equal("rep-miss", decision.ChosenRepId);
        Assert.Equal(Urgency.High, decision.Urgency);
        Assert.Equal(TimeSpan.FromMinutes(30), decision.FirstTouchSla);
        Assert.Equal([NotifyChannel.Sms], decision.Notify);
        Assert.Contains(decision.Notes, n => n.Contains("Nobody in group 'hit' is eligible (1 at capacity)", StringComparison.Ordinal));
    }
}
