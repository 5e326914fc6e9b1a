namespace CrmActors.Routing.Tests;

/// <summary>The S2 rules from the field (docs/FIELD.md), each as a rule set and a roster.</summary>
public sealed class FieldScenarioTests
{
    [Fact]
    public void HomePageConsult_FinanceBudgetOver500k_GoesToRepWithBankingExperienceDespiteHerLoad()
    {
        var newcomer = Build.Rep("rep-zhao", "sales") with { Industries = ["manufacturing"] };
        var banker = Build.Rep("rep-qian", "sales") with
        {
            Industries = ["finance"],
            Products = ["core-banking"],
            DealSize = new BudgetRange(300_000m, 2_000_000m),
            Wins = [new WinRecord("finance", "core-banking", null, 8)],
        };
        var rule = Build.Rule(
            "home-consult-finance",
            Build.ToGroup("sales"),
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "website_form"),
            Build.When(RuleFields.Budget, ConditionOperators.Gte, "500000"),
            Build.When(RuleFields.Industry, ConditionOperators.EqualTo, "finance"));
        var router = Build.Compile(Build.Set(Build.ToGroup("sales"), rule), newcomer, banker);
        var lead = Build.Lead("website_form") with { Industry = "finance", Budget = 800_000m };

        var decision = router.Route(lead, Build.Loads(("rep-qian", 4, 2)), Build.Now);

        Assert.Equal("home-consult-finance", decision.RuleId);
        Assert.Equal("rep-qian", decision.ChosenRepId);
        var qian = decision.Candidate("rep-qian");
        Assert.Equal(1, qian.Component(ScoreComponents.Industry).Raw);
        Assert.Equal(1, qian.Component(ScoreComponents.BudgetBand).Raw);
        Assert.True(qian.Component(ScoreComponents.PastWins).Raw > 0.5);
        Assert.True(qian.Total > decision.Candidate("rep-zhao").Total);
    }

    [Fact]
    public void HomePageConsult_BudgetUnder500k_RuleDoesNotFire()
    {
        var rule = Build.Rule(
            "home-consult-finance",
            Build.ToRep("rep-qian"),
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "website_form"),
            Build.When(RuleFields.Budget, ConditionOperators.Gte, "500000"),
            Build.When(RuleFields.Industry, ConditionOperators.EqualTo, "finance"));
        var router = Build.Compile(Build.Set(Build.ToGroup("sales"), rule), Build.Rep("rep-qian", "sales"), Build.Rep("rep-zhao", "sales"));

        var decision = router.Route(Build.Lead("website_form") with { Industry = "finance", Budget = 300_000m }, Build.NoLoads, Build.Now);

        Assert.Null(decision.RuleId);
        Assert.True(decision.UsedFallback);
    }

    [Fact]
    public void OfficialAccountSignUp_NoteNeedsToGoLiveUrgently_AlertsBySmsAndDingTalkWithTwoHourSlaAndSupervisorEscalation()
    {
        var rule = Build.Rule(
            "oa-go-live",
            Build.ToGroup("sales") with
            {
                Urgency = Urgency.High,
                FirstTouchSla = TimeSpan.FromHours(2),
                Notify = [NotifyChannel.Sms, NotifyChannel.DingTalk],
            },
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "official_account"),
            Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急需上线"));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales"), rule),
            Build.Rep("rep-li", "sales") with { SupervisorId = "sup-wang" });
        var lead = Build.Lead("official_account") with { Note = "我们系统下个月急需上线，请尽快联系" };

        var decision = router.Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal("oa-go-live", decision.RuleId);
        Assert.Equal("rep-li", decision.ChosenRepId);
        Assert.Equal([NotifyChannel.Sms, NotifyChannel.DingTalk], decision.Notify);
        Assert.Equal(Urgency.High, decision.Urgency);
        Assert.Equal(Build.Now.AddHours(2), decision.FirstTouchDueAt);
        Assert.Equal("sup-wang", decision.EscalationRepId);
    }

    [Fact]
    public void BaiduAdsManufacturing_GoesToSalesGroupB_EvenWhenGroupAHasABetterMatch()
    {
        var rule = Build.Rule(
            "baidu-manufacturing",
            Build.ToGroup("sales-b"),
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "baidu_ads"),
            Build.When(RuleFields.Industry, ConditionOperators.EqualTo, "manufacturing"));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales-a"), rule),
            Build.Rep("rep-a1", "sales-a") with { Industries = ["manufacturing"], Products = ["cnc"] },
            Build.Rep("rep-b1", "sales-b"),
            Build.Rep("rep-b2", "sales-b") with { Industries = ["manufacturing"] });
        var lead = Build.Lead("baidu_ads") with { Industry = "manufacturing", Product = "cnc" };

        var decision = router.Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal("rep-b2", decision.ChosenRepId);
        Assert.Equal(["rep-b2", "rep-b1"], decision.Candidates.Select(c => c.RepId));
    }

    [Fact]
    public void DouyinDmWithUrgentKeyword_DoubleReminderBySmsAndDingTalk()
    {
        var rule = Build.Rule(
            "douyin-urgent",
            Build.ToGroup("enrollment") with { Urgency = Urgency.High, Notify = [NotifyChannel.Sms, NotifyChannel.DingTalk] },
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "douyin_dm"),
            Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急"));
        var router = Build.Compile(Build.Set(Build.ToGroup("enrollment"), rule), Build.Rep("rep-sun", "enrollment"));

        var urgent = router.Route(Build.Lead("douyin_dm") with { Note = "孩子想试听，比较急" }, Build.NoLoads, Build.Now);
        var calm = router.Route(Build.Lead("douyin_dm") with { Note = "孩子想试听" }, Build.NoLoads, Build.Now);

        Assert.Equal("douyin-urgent", urgent.RuleId);
        Assert.Equal([NotifyChannel.Sms, NotifyChannel.DingTalk], urgent.Notify);
        Assert.Null(calm.RuleId);
        Assert.Empty(calm.Notify);
    }

    [Fact]
    public void WebsiteFormClass3Hospital_GoesToTopThreeOrthopedicsRepsOfTheLeadsRegion()
    {
        var rule = Build.Rule(
            "class3-ortho",
            new RuleAction { Target = RouteTarget.TopOfGroup("orthopedics", 3) with { RequireMatch = [RuleFields.Region] } },
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "website_form"),
            Build.When(RuleFields.InstitutionLevel, ConditionOperators.EqualTo, "class-3 hospital"));
        RepProfile Ortho(string id, string region) => Build.Rep(id, "orthopedics") with { Regions = [region] };
        var router = Build.Compile(
            Build.Set(Build.ToGroup("orthopedics"), rule),
            Ortho("rep-west", "west") with
            {
                InstitutionLevels = ["class-3 hospital"],
                Products = ["spine implant"],
                Wins = [new WinRecord(null, "spine implant", "class-3 hospital", 30)],
            },
            Ortho("rep-e1", "east") with
            {
                InstitutionLevels = ["class-3 hospital"],
                Products = ["spine implant"],
                Wins = [new WinRecord(null, "spine implant", "class-3 hospital", 12)],
            },
            Ortho("rep-e2", "east") with { InstitutionLevels = ["class-3 hospital"], Products = ["spine implant"] },
            Ortho("rep-e3", "east") with { Products = ["spine implant"] },
            Ortho("rep-e4", "east"));
        var lead = Build.Lead("website_form") with { InstitutionLevel = "class-3 hospital", Region = "east", Product = "spine implant" };

        var decision = router.Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal("class3-ortho", decision.RuleId);
        Assert.Equal(["rep-e1", "rep-e2", "rep-e3"], decision.Shortlist);
        Assert.Equal("rep-e1", decision.ChosenRepId);
        Assert.Equal(CandidateExclusion.RequirementNotMet, decision.Candidate("rep-west").Exclusion);
        Assert.Equal(4, decision.Candidate("rep-e4").Rank);
    }

    [Fact]
    public void TradeShowScanBudgetOver500k_GoesToSalesSupervisorWithATechnicalSupportEngineer()
    {
        var rule = Build.Rule(
            "expo-big-budget",
            Build.ToRep("sup-wang") with { CoAssign = CoAssignRole.TechnicalEngineer, TechnicalEngineerGroup = "tech-support" },
            Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "trade_show_scan"),
            Build.When(RuleFields.Budget, ConditionOperators.Gte, "500000"));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales"), rule),
            Build.Rep("sup-wang", "supervisors") with { Capacity = 30 },
            Build.Rep("rep-li", "sales"),
            Build.Rep("eng-gao", "tech-support") with { Products = ["ultrasound"] },
            Build.Rep("eng-ma", "tech-support") with { Products = ["x-ray"] });
        var lead = Build.Lead("trade_show_scan") with { Budget = 1_200_000m, Product = "ultrasound" };

        var decision = router.Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal("sup-wang", decision.ChosenRepId);
        Assert.NotNull(decision.CoAssignment);
        Assert.Equal(CoAssignRole.TechnicalEngineer, decision.CoAssignment.Role);
        Assert.Equal("eng-gao", decision.CoAssignment.RepId);
        Assert.Equal(["eng-gao", "eng-ma"], decision.CoAssignment.Candidates.Select(c => c.RepId));
    }
}
