using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Common;
using CrmActors.Grains.Stats;
using CrmActors.MlModels.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.Stats;

/// <summary>The live statistics fed by real lead grains: batches from the silo's feed, scopes, reload after deactivation, agreement with the journal.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantStatsGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private IServiceProvider Silo => Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services;

    private Task<int> FlushAsync() => Silo.GetRequiredService<StatsFeed>().FlushAsync();

    private ITenantStatsGrain Stats => fixture.Grains.GetGrain<ITenantStatsGrain>(_data.Tenant);

    private static double? Value(DashboardView view, string metric) => view.Metrics.Single(m => m.Id == metric).Value;

    [Fact]
    public async Task LeadsChanging_AreCountedAfterTheNextFlush_PerTenantTeamAndRep_AndAgreeWithTheJournal()
    {
        await _data.TeamAsync();
        var first = await _data.NewLeadAsync("lead-1");
        await first.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        var second = await _data.NewLeadAsync("lead-2");
        await second.AssignAsync(new AssignLead("rep-zhang", TimeSpan.FromHours(48), "sup-wang"));
        await _data.NewLeadAsync("lead-3");
        await first.LogActivityAsync(new NewActivity("call", new Dictionary<string, string?> { ["outcome"] = "interested" }, [new EvidenceRef("recording", "rec-1")], null, null, null, null, null, "rep-li"));
        await first.LogActivityAsync(new NewActivity("call", new Dictionary<string, string?> { ["outcome"] = "again" }, null, null, null, null, null, null, "rep-li"));
        await second.RecordOutcomeAsync(new LeadOutcome(true, "signed", "rep-zhang"));

        await FlushAsync();
        var tenant = await Stats.GetAsync(new StatsScope());
        var team = await Stats.GetAsync(new StatsScope(TeamId: "sup-wang"));
        var li = await Stats.GetAsync(new StatsScope(RepId: "rep-li"));

        Assert.Equal(3, tenant.Metrics.Single(m => m.Id == "leads-in-per-minute").Count);
        Assert.Equal(1, Value(tenant, "unassigned"));
        Assert.Equal(50.0, Value(tenant, "evidence-rate"));
        Assert.Equal([("rep-li", 1)], tenant.Reps.Select(r => (r.RepId, r.Open)));
        Assert.Equal(2, team.Metrics.Single(m => m.Id == "assigned-per-minute").Count);
        Assert.Equal(1, li.Metrics.Single(m => m.Id == "leads-in-per-minute").Count);
        var unassigned = await Stats.GetLeadsAsync("unassigned", new StatsScope(), 1, 10);
        Assert.Equal("lead-3", Assert.Single(unassigned!.Leads).LeadId);

        // What the statistics say is what the journal says: activities with and without evidence, outcomes.
        var journal = Assert.IsType<InMemoryJournal>(Silo.GetRequiredService<IJournal>()).Read(_data.Tenant);
        var activities = journal.Count(r => r.Entry.EventType == LeadJournalEntry.ActivityEvent);
        var won = journal.Count(r => r.Entry.EventType == LeadJournalEntry.OutcomeEvent && LeadJournalEntry.FromJson(r.Entry.Payload)!.Won == true);
        Assert.Equal(activities, tenant.Metrics.Single(m => m.Id == "evidence-rate").Count);
        Assert.Equal(won, (await Stats.GetLeadsAsync("leads-in-per-minute", new StatsScope(), 1, 10))!.Leads.Count(l => l.Stage == "won"));
    }

    [Fact]
    public async Task StatsGrain_Deactivated_ReloadsTheStoredFiguresWithTheSameNumbers()
    {
        await _data.TeamAsync();
        for (var i = 0; i < 4; i++)
        {
            var lead = await _data.NewLeadAsync($"lead-{i}");
            if (i % 2 == 0)
            {
                await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
            }
        }

        await FlushAsync();
        var before = await Stats.GetAsync(new StatsScope());

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await Stats.GetAsync(new StatsScope());

        Assert.Equal(1, after.Version);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(before.Metrics.Select(m => (m.Id, m.Value, m.Count)), after.Metrics.Select(m => (m.Id, m.Value, m.Count)));
        Assert.Equal(2, Value(after, "unassigned"));
    }

    [Fact]
    public async Task Feed_FiguresOfOneLeadChangingTwiceBeforeAFlush_SendsOnlyTheLatest()
    {
        await _data.TeamAsync();
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));

        await FlushAsync();

        // Created and then assigned before any flush: the stats hold the lead once, as assigned (the background
        // flush may have sent the first figures already; then the second replaced them).
        var leads = await Stats.GetLeadsAsync("assigned-per-minute", new StatsScope(), 1, 10);
        Assert.Equal("rep-li", Assert.Single(leads!.Leads).OwnerRepId);
    }
}
