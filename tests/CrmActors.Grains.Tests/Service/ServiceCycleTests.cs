using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Service;

namespace CrmActors.Grains.Tests.Service;

/// <summary>Installation complete schedules six visits for the regional service rep; an undone one escalates (moved clock).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceCycleTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private async Task<IServiceCycleGrain> StartAsync(string region = "Shanghai")
    {
        await _data.TeamAsync();
        await _data.Rep("svc-sh").SaveProfileAsync(new RepProfile("Service Shanghai", null, "sup-wang", 10, true));
        var policy = fixture.Grains.GetGrain<IFollowUpPolicyGrain>(_data.Key(IFollowUpPolicyGrain.Id));
        Assert.Empty((await policy.SaveAsync("""{ "service": { "regionalServiceReps": { "Shanghai": "svc-sh" } } }""", "admin-1")).Errors);
        await fixture.Grains.GetGrain<ICustomerGrain>(_data.Key("c-1")).CreateAsync(new NewCustomer("Ruijin Hospital", "Ruijin", null, null, "svc"));
        var cycle = fixture.Grains.GetGrain<IServiceCycleGrain>(_data.Key("s-1"));
        await cycle.StartAsync(new ServiceEvent("c-1", "installation-complete", region, null, "svc-eng"));
        return cycle;
    }

    private async Task<int> CountAsync(string rep, string kind) => (await _data.Rep(rep).GetInboxAsync()).Count(i => i.Kind == kind);

    [Fact]
    public async Task InstallationComplete_SchedulesSixMonthlyVisitsForTheRegionalRep()
    {
        var cycle = await StartAsync();
        var read = (await cycle.GetAsync())!;

        Assert.Equal("svc-sh", read.ServiceRepId);
        Assert.Equal(Enumerable.Range(1, 6).Select(n => 30 * n), read.Visits.Select(v => (int)Math.Round((v.DueAt - read.Visits[0].DueAt.AddDays(-30)).TotalDays)));
    }

    [Fact]
    public async Task Visits_DueAreToDos_DoneInTimeNeverEscalate_AnUndoneOneEscalatesOnce()
    {
        var cycle = await StartAsync();

        ClusterFixture.Clock.Advance(TimeSpan.FromDays(30));
        await Eventually.MatchAsync(() => CountAsync("svc-sh", "service-visit-due"), c => c == 1, "visit 1 to be due", ClusterFixture.Clock);
        await cycle.CompleteVisitAsync(1, "all fine", "svc-sh");

        ClusterFixture.Clock.Advance(TimeSpan.FromDays(30));
        await Eventually.MatchAsync(() => CountAsync("svc-sh", "service-visit-due"), c => c == 2, "visit 2 to be due", ClusterFixture.Clock);
        Assert.Equal(0, await CountAsync("sup-wang", "service-visit-overdue"));

        ClusterFixture.Clock.Advance(TimeSpan.FromDays(3));
        await Eventually.MatchAsync(() => CountAsync("sup-wang", "service-visit-overdue"), c => c == 1, "visit 2 to escalate", ClusterFixture.Clock);
        var read = (await cycle.GetAsync())!;
        Assert.Null(read.Visits[0].EscalatedAt);
        Assert.NotNull(read.Visits[1].EscalatedAt);
        Assert.Equal(InboxItem.Red, (await _data.Rep("sup-wang").GetInboxAsync()).Single(i => i.Kind == "service-visit-overdue").Severity);
    }

    [Fact]
    public async Task Start_RegionWithoutARepAndNoDefault_IsRefusedNamingRegion()
    {
        var ex = await Assert.ThrowsAsync<CrmException>(() => StartAsync(region: "Tibet"));
        Assert.Equal(("region", CrmErrorCode.Conflict), (ex.Field, ex.Code));
    }
}
