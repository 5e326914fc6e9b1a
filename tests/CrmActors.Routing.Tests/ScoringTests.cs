namespace CrmActors.Routing.Tests;

/// <summary>The score breakdown, weights, working hours and urgency, tie-breaking and determinism.</summary>
public sealed class ScoringTests
{
    private static readonly RuleSet ToSales = Build.Set(Build.ToGroup("sales"));

    private static readonly RoutingLead HospitalLead = Build.Lead("website_form") with
    {
        Industry = "medical",
        InstitutionLevel = "class-3 hospital",
        Product = "ultrasound",
        Region = "east",
        Language = "zh",
        Budget = 600_000m,
    };

    private static RepProfile Veteran(string id) => Build.Rep(id, "sales") with
    {
        Industries = ["medical"],
        InstitutionLevels = ["class-3 hospital"],
        Products = ["ultrasound"],
        Regions = ["east"],
        Languages = ["zh", "en"],
        DealSize = new BudgetRange(200_000m, 1_000_000m),
        Wins = [new WinRecord("medical", "ultrasound", "class-3 hospital", 5)],
    };

    [Fact]
    public void Decision_EligibleCandidate_ListsEveryComponentWithContributionsSummingToTheTotal()
    {
        var router = Build.Compile(ToSales, Veteran("rep-vet"), Build.Rep("rep-new", "sales"));

        var decision = router.Route(HospitalLead, Build.Loads(("rep-vet", 4, 2)), Build.Now);

        Assert.All(decision.Candidates, candidate =>
        {
            Assert.Equal(ScoreComponents.All, candidate.Components.Select(c => c.Name));
            Assert.All(candidate.Components, c => Assert.Equal(c.Weight * c.Raw, c.Contribution, 12));
            Assert.Equal(candidate.Components.Sum(c => c.Contribution), candidate.Total, 9);
        });
        var vet = decision.Candidate("rep-vet");
        Assert.Equal(
            [1, 1, 1, 1, 1, 1, 0.5, 0.6, 0.5, 1],
            vet.Components.Select(c => Math.Round(c.Raw, 9)));
        Assert.Equal(3 + 2 + 2 + 1 + 1 + 1 + 1 + 1.8 + 1.5 + 0.5, vet.Total, 9);
        Assert.Equal(1, vet.Rank);
        Assert.Equal("rep-vet", decision.ChosenRepId);
    }

    [Fact]
    public void Decision_Notes_SayWhichRuleFiredAndWhoRanksFirst()
    {
        var rule = Build.Rule("hospital", Build.ToGroup("sales"), Build.When(RuleFields.InstitutionLevel, ConditionOperators.EqualTo, "class-3 hospital"));
        var router = Build.Compile(Build.Set(Build.ToGroup("sales"), rule) with { Version = 7 }, Veteran("rep-vet"));

        var decision = router.Route(HospitalLead, Build.NoLoads, Build.Now);

        Assert.Equal(7, decision.RuleSetVersion);
        Assert.Equal(Build.Now, decision.DecidedAt);
        Assert.Equal(
            ["Rule 'hospital' (hospital) at index 0 matched.", "'rep-vet' ranks first in group 'sales' with 17.5 of 1 eligible candidate(s)."],
            decision.Notes);
    }

    [Fact]
    public void Decision_TenantWeights_AreTheWeightsInTheBreakdown()
    {
        var weights = new ScoringWeights { Industry = 10, Fairness = 0, UrgencyBoost = 0 };
        var router = Build.Compile(ToSales with { Weights = weights }, Veteran("rep-vet"));

        var decision = router.Route(HospitalLead, Build.Loads(("rep-vet", 0, 5)), Build.Now);

        var vet = decision.Candidate("rep-vet");
        Assert.Equal(10, vet.Component(ScoreComponents.Industry).Contribution);
        Assert.Equal(0, vet.Component(ScoreComponents.Fairness).Contribution);
        Assert.Equal(0, vet.Component(ScoreComponents.Urgency).Contribution);
    }

    [Fact]
    public void Score_BudgetOutsideDealSize_DecaysWithDistance()
    {
        var router = Build.Compile(ToSales, Build.Rep("rep-a", "sales") with { DealSize = new BudgetRange(100_000m, 200_000m) });

        double Fit(decimal budget) =>
            router.Route(Build.Lead("x") with { Budget = budget }, Build.NoLoads, Build.Now).Candidate("rep-a").Component(ScoreComponents.BudgetBand).Raw;

        Assert.Equal((1.0, 0.5, 0.5, 0.0), (Fit(150_000m), Fit(50_000m), Fit(400_000m), Fit(0m)));
    }

    [Fact]
    public void Score_RecentAssignments_LowerFairness()
    {
        var router = Build.Compile(ToSales, Build.Rep("rep-a", "sales"), Build.Rep("rep-b", "sales"));

        var decision = router.Route(Build.Lead("x"), Build.Loads(("rep-a", 0, 2), ("rep-b", 0, 6)), Build.Now);

        Assert.Equal(0.5, decision.Candidate("rep-a").Component(ScoreComponents.Fairness).Raw);
        Assert.Equal(0.25, decision.Candidate("rep-b").Component(ScoreComponents.Fairness).Raw);
        Assert.Equal("rep-a", decision.ChosenRepId);
    }

    [Fact]
    public void Tie_EqualScores_FewerRecentAssignmentsWin()
    {
        var noLoadTerms = new ScoringWeights { Fairness = 0, Capacity = 0 };
        var router = Build.Compile(ToSales with { Weights = noLoadTerms }, Build.Rep("rep-a", "sales"), Build.Rep("rep-b", "sales"));

        var decision = router.Route(Build.Lead("x"), Build.Loads(("rep-a", 0, 3), ("rep-b", 5, 1)), Build.Now);

        Assert.Equal(decision.Candidate("rep-a").Total, decision.Candidate("rep-b").Total);
        Assert.Equal("rep-b", decision.ChosenRepId);
    }

    [Fact]
    public void Tie_EverythingEqual_LowerRepIdWinsWhateverTheRosterOrder()
    {
        var forward = Build.Compile(ToSales, Build.Rep("rep-a", "sales"), Build.Rep("rep-b", "sales"));
        var backward = Build.Compile(ToSales, Build.Rep("rep-b", "sales"), Build.Rep("rep-a", "sales"));

        Assert.Equal("rep-a", forward.Route(Build.Lead("x"), Build.NoLoads, Build.Now).ChosenRepId);
        Assert.Equal("rep-a", backward.Route(Build.Lead("x"), Build.NoLoads, Build.Now).ChosenRepId);
    }

    [Fact]
    public void Route_SameInputsTwiceAndRosterReordered_GivesTheSameDecision()
    {
        RepProfile[] roster =
        [
            Veteran("rep-vet"),
            Build.Rep("rep-new", "sales"),
            Build.Rep("rep-mid", "sales") with { Industries = ["medical"], Capacity = 5 },
            Build.Rep("rep-off", "sales") with { Active = false },
            Build.Rep("rep-busy", "sales") with { Products = ["ultrasound"] },
        ];
        var loads = Build.Loads(("rep-vet", 7, 4), ("rep-mid", 1, 1), ("rep-busy", 10, 0));
        var router = Build.Compile(ToSales, roster);
        var reordered = Build.Compile(ToSales, [.. roster.Reverse()]);

        var runs = new[]
        {
            router.Route(HospitalLead, loads, Build.Now),
            router.Route(HospitalLead, loads, Build.Now),
            reordered.Route(HospitalLead, loads, Build.Now),
        };

        var expected = Describe(runs[0]);
        Assert.All(runs, run => Assert.Equal(expected, Describe(run)));

        static string Describe(RoutingDecision d) =>
            $"{d.ChosenRepId}|{string.Join(",", d.Shortlist)}|{string.Join(";", d.Notes)}|" +
            string.Join(";", d.Candidates.Select(c => $"{c.RepId}:{c.Rank}:{c.Total:R}:{c.Exclusion}:{string.Join(",", c.Components.Select(x => x.Contribution.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}"));
    }

    [Fact]
    public void WorkingHours_HighUrgency_PrefersTheRepOnShift()
    {
        var shanghaiDay = new WorkingHours("Asia/Shanghai", new TimeOnly(9, 0), new TimeOnly(18, 0));
        var newYorkDay = new WorkingHours("America/New_York", new TimeOnly(9, 0), new TimeOnly(18, 0));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales") with { Urgency = Urgency.High }),
            Build.Rep("rep-a-ny", "sales") with { WorkingHours = newYorkDay },
            Build.Rep("rep-b-sh", "sales") with { WorkingHours = shanghaiDay });

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now);

        Assert.Equal("rep-b-sh", decision.ChosenRepId);
        Assert.Equal(0, decision.Candidate("rep-a-ny").Component(ScoreComponents.Urgency).Raw);
        Assert.Equal(new ScoreComponent(ScoreComponents.Urgency, 1, 1, 1), decision.Candidate("rep-b-sh").Component(ScoreComponents.Urgency));
    }

    [Fact]
    public void WorkingHours_LowUrgency_DoNotAffectTheScore()
    {
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales") with { Urgency = Urgency.Low }),
            Build.Rep("rep-a", "sales") with { WorkingHours = new WorkingHours("America/New_York", new TimeOnly(9, 0), new TimeOnly(18, 0)) },
            Build.Rep("rep-b", "sales"));

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now);

        Assert.Equal(decision.Candidate("rep-a").Total, decision.Candidate("rep-b").Total);
        Assert.Equal("rep-a", decision.ChosenRepId);
    }

    [Fact]
    public void WorkingHours_CriticalLead_GoesToOnShiftRepOverBetterMatchOffShift()
    {
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales") with { Urgency = Urgency.Critical }),
            Veteran("rep-vet") with { WorkingHours = new WorkingHours("Asia/Shanghai", new TimeOnly(13, 0), new TimeOnly(22, 0)) },
            Build.Rep("rep-new", "sales") with { WorkingHours = new WorkingHours("Asia/Shanghai", new TimeOnly(8, 0), new TimeOnly(17, 0)) });

        var decision = router.Route(HospitalLead, Build.NoLoads, Build.Now);

        Assert.Equal("rep-new", decision.ChosenRepId);
        Assert.Equal(CandidateExclusion.OffShiftForCritical, decision.Candidate("rep-vet").Exclusion);
    }

    [Fact]
    public void WorkingHours_CriticalLeadNobodyOnShift_StillGoesToTheBestMatch()
    {
        var evening = new WorkingHours("Asia/Shanghai", new TimeOnly(13, 0), new TimeOnly(22, 0));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales") with { Urgency = Urgency.Critical }),
            Veteran("rep-vet") with { WorkingHours = evening },
            Build.Rep("rep-new", "sales") with { WorkingHours = evening });

        var decision = router.Route(HospitalLead, Build.NoLoads, Build.Now);

        Assert.Equal("rep-vet", decision.ChosenRepId);
        Assert.All(decision.Candidates, c => Assert.True(c.Eligible));
    }

    [Theory]
    [InlineData("2025-03-12T23:30:00+08:00", true)]
    [InlineData("2025-03-13T05:59:00+08:00", true)]
    [InlineData("2025-03-13T06:00:00+08:00", false)]
    [InlineData("2025-03-12T21:59:00+08:00", false)]
    [InlineData("2025-03-12T02:00:00+08:00", false)]
    [InlineData("2025-03-16T02:00:00+08:00", true)]
    [InlineData("2025-03-16T23:00:00+08:00", false)]
    public void WorkingHours_NightShiftWednesdayToSaturday_CountsTheMorningAfter(string now, bool onShift)
    {
        var night = new WorkingHours("Asia/Shanghai", new TimeOnly(22, 0), new TimeOnly(6, 0))
        {
            Days = [DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
        };
        var router = Build.Compile(Build.Set(Build.ToGroup("sales") with { Urgency = Urgency.High }), Build.Rep("rep-night", "sales") with { WorkingHours = night });

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(onShift ? 1 : 0, decision.Candidate("rep-night").Component(ScoreComponents.Urgency).Raw);
    }

    [Fact]
    public void PastWins_SimilarLeadsCountByShare_MoreSimilarWinsScoreHigher()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-exact", "sales") with { Wins = [new WinRecord("medical", "ultrasound", "class-3 hospital", 4)] },
            Build.Rep("rep-partial", "sales") with { Wins = [new WinRecord("medical", "x-ray", null, 6)] },
            Build.Rep("rep-other", "sales") with { Wins = [new WinRecord("finance", "crm", "bank", 50)] });

        var decision = router.Route(HospitalLead, Build.NoLoads, Build.Now);

        Assert.Equal(4.0 / 9, decision.Candidate("rep-exact").Component(ScoreComponents.PastWins).Raw, 12);
        Assert.Equal(2.0 / 7, decision.Candidate("rep-partial").Component(ScoreComponents.PastWins).Raw, 12);
        Assert.Equal(0, decision.Candidate("rep-other").Component(ScoreComponents.PastWins).Raw);
    }
}
