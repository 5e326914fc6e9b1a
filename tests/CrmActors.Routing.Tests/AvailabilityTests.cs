namespace CrmActors.Routing.Tests;

/// <summary>Capacity, bursts, inactive and on-leave reps, and reassignment.</summary>
public sealed class AvailabilityTests
{
    private static readonly RuleSet ToSales = Build.Set(Build.ToGroup("sales"));

    [Fact]
    public void Route_BestMatchAtCapacity_IsNeverChosen()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-best", "sales") with { Industries = ["finance"], Products = ["crm"] },
            Build.Rep("rep-other", "sales"));
        var lead = Build.Lead("x") with { Industry = "finance", Product = "crm" };

        var decision = router.Route(lead, Build.Loads(("rep-best", 10, 0)), Build.Now);

        Assert.Equal("rep-other", decision.ChosenRepId);
        var best = decision.Candidate("rep-best");
        Assert.Equal(CandidateExclusion.AtCapacity, best.Exclusion);
        Assert.Equal("at capacity (10/10 open leads)", best.ExclusionDetail);
        Assert.Null(best.Rank);
    }

    [Fact]
    public void Route_RepWithZeroCapacity_IsNeverChosen()
    {
        var router = Build.Compile(ToSales, Build.Rep("rep-zero", "sales") with { Capacity = 0 });

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now);

        Assert.Null(decision.ChosenRepId);
        Assert.Equal(CandidateExclusion.AtCapacity, decision.Candidate("rep-zero").Exclusion);
    }

    [Fact]
    public void Route_BurstOf30LeadsToThreeRepsWithCapacity10_SpreadsAcrossAllAndNeverExceedsCapacity()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-a", "sales") with { Industries = ["education"] },
            Build.Rep("rep-b", "sales"),
            Build.Rep("rep-c", "sales"));
        var loads = new Dictionary<string, RepLoad>();
        var owners = new List<string>();

        for (var i = 0; i < 30; i++)
        {
            var decision = router.Route(Build.Lead("douyin_dm", $"lead-{i}") with { Industry = "education" }, loads, Build.Now);
            var owner = Assert.IsType<string>(decision.ChosenRepId);
            var load = loads.GetValueOrDefault(owner);
            Assert.True(load.OpenLeads < 10, $"lead {i} went to {owner} holding {load.OpenLeads} open leads");
            loads[owner] = new RepLoad(load.OpenLeads + 1, load.RecentAssignments + 1);
            owners.Add(owner);
        }

        var overflow = router.Route(Build.Lead("douyin_dm", "lead-30"), loads, Build.Now);

        Assert.Equal(["rep-a", "rep-b", "rep-c"], owners.Take(6).Distinct().Order());
        Assert.All(owners.CountBy(o => o), pair => Assert.Equal(10, pair.Value));
        Assert.Null(overflow.ChosenRepId);
        Assert.Equal("Every candidate is at capacity or unavailable (3 at capacity).", overflow.UnassignedReason);
    }

    [Fact]
    public void Route_InactiveRep_IsNeverChosen()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-gone", "sales") with { Active = false, Industries = ["finance"] },
            Build.Rep("rep-here", "sales"));

        var decision = router.Route(Build.Lead("x") with { Industry = "finance" }, Build.NoLoads, Build.Now);

        Assert.Equal("rep-here", decision.ChosenRepId);
        Assert.Equal(CandidateExclusion.Inactive, decision.Candidate("rep-gone").Exclusion);
    }

    [Fact]
    public void Route_RepOnLeaveUntilTomorrow_IsNeverChosen()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-away", "sales") with { OnLeaveUntil = Build.Now.AddDays(1), Industries = ["finance"] },
            Build.Rep("rep-here", "sales"));

        var decision = router.Route(Build.Lead("x") with { Industry = "finance" }, Build.NoLoads, Build.Now);

        Assert.Equal("rep-here", decision.ChosenRepId);
        Assert.Equal(CandidateExclusion.OnLeave, decision.Candidate("rep-away").Exclusion);
        Assert.Equal("on leave until 2025-03-13 10:00 +08:00", decision.Candidate("rep-away").ExclusionDetail);
    }

    [Fact]
    public void Route_RepWhoseLeaveEnded_IsEligibleAgain()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-back", "sales") with { OnLeaveUntil = Build.Now.AddDays(-1), Industries = ["finance"] },
            Build.Rep("rep-here", "sales"));

        var decision = router.Route(Build.Lead("x") with { Industry = "finance" }, Build.NoLoads, Build.Now);

        Assert.Equal("rep-back", decision.ChosenRepId);
    }

    [Fact]
    public void Route_NamedRepOnLeave_FallbackTargetOwnsTheLead()
    {
        var rule = Build.Rule("vip", Build.ToRep("rep-away"), Build.When(RuleFields.Channel, ConditionOperators.EqualTo, "referral"));
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales"), rule),
            Build.Rep("rep-away", "key-accounts") with { OnLeaveUntil = Build.Now.AddDays(3) },
            Build.Rep("rep-here", "sales"));

        var decision = router.Route(Build.Lead("referral"), Build.NoLoads, Build.Now);

        Assert.Equal("vip", decision.RuleId);
        Assert.True(decision.UsedFallback);
        Assert.Equal("rep-here", decision.ChosenRepId);
        Assert.Contains(decision.Notes, n => n.StartsWith("Nobody in rep 'rep-away' is eligible (1 on leave)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reassign_ExcludingPreviousOwners_PicksTheNextBestThroughTheSameScorer()
    {
        var router = Build.Compile(
            ToSales,
            Build.Rep("rep-a", "sales") with { Industries = ["finance"], Products = ["crm"] },
            Build.Rep("rep-b", "sales") with { Industries = ["finance"] },
            Build.Rep("rep-c", "sales"));
        var lead = Build.Lead("x") with { Industry = "finance", Product = "crm" };

        var first = router.Route(lead, Build.NoLoads, Build.Now);
        var second = router.Route(lead, Build.NoLoads, Build.Now.AddHours(2), new HashSet<string> { "rep-a" });
        var third = router.Route(lead, Build.NoLoads, Build.Now.AddHours(4), new HashSet<string> { "rep-a", "rep-b" });

        Assert.Equal(("rep-a", "rep-b", "rep-c"), (first.ChosenRepId, second.ChosenRepId, third.ChosenRepId));
        Assert.Equal(CandidateExclusion.Excluded, second.Candidate("rep-a").Exclusion);
        Assert.Equal(first.Candidate("rep-b").Total, second.Candidate("rep-b").Total);
    }

    [Fact]
    public void Reassign_EveryRepAlreadyHadTheLead_LeavesItUnassignedWithTheReason()
    {
        var router = Build.Compile(ToSales, Build.Rep("rep-a", "sales"), Build.Rep("rep-b", "sales"));

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now, new HashSet<string> { "rep-a", "rep-b" });

        Assert.Null(decision.ChosenRepId);
        Assert.Empty(decision.Shortlist);
        Assert.Equal("Every candidate is at capacity or unavailable (2 excluded (already had the lead)).", decision.UnassignedReason);
    }

    [Fact]
    public void CoAssignTechnicalEngineer_EngineerIsAlsoTheOwnerCandidate_PicksAnotherEngineer()
    {
        var action = Build.ToGroup("tech") with { CoAssign = CoAssignRole.TechnicalEngineer, TechnicalEngineerGroup = "tech" };
        var router = Build.Compile(
            Build.Set(action),
            Build.Rep("eng-a", "tech") with { Products = ["ultrasound"] },
            Build.Rep("eng-b", "tech"));

        var decision = router.Route(Build.Lead("x") with { Product = "ultrasound" }, Build.NoLoads, Build.Now);

        Assert.Equal("eng-a", decision.ChosenRepId);
        Assert.Equal("eng-b", decision.CoAssignment?.RepId);
        Assert.Equal(CandidateExclusion.ChosenAsOwner, decision.CoAssignment!.Candidates.Single(c => c.RepId == "eng-a").Exclusion);
    }

    [Fact]
    public void CoAssignSupervisor_OwnerHasSupervisor_AddsTheSupervisor()
    {
        var router = Build.Compile(
            Build.Set(Build.ToGroup("sales") with { CoAssign = CoAssignRole.Supervisor }),
            Build.Rep("rep-a", "sales") with { SupervisorId = "sup-wang" },
            Build.Rep("rep-b", "sales") with { Capacity = 0 });

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now);

        Assert.Equal(CoAssignRole.Supervisor, decision.CoAssignment?.Role);
        Assert.Equal("sup-wang", decision.CoAssignment?.RepId);
        Assert.Null(decision.CoAssignment!.MissingReason);
    }

    [Fact]
    public void CoAssignSupervisor_OwnerHasNoSupervisor_SaysSo()
    {
        var router = Build.Compile(Build.Set(Build.ToGroup("sales") with { CoAssign = CoAssignRole.Supervisor }), Build.Rep("rep-a", "sales"));

        var decision = router.Route(Build.Lead("x"), Build.NoLoads, Build.Now);

        Assert.Null(decision.CoAssignment?.RepId);
        Assert.Equal("rep 'rep-a' has no supervisor", decision.CoAssignment?.MissingReason);
    }
}
