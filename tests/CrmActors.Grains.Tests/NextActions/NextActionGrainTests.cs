using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.NextActions;

/// <summary>Next-best-action advice, the stored score and the journal, on the shared cluster serving the shipped model.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NextActionGrainTests(ClusterFixture fixture)
{
    private readonly TestData _data = new(fixture.Grains);

    private static NewActivity Call(string outcome, params string[] tags) =>
        new("call", new Dictionary<string, string?> { ["outcome"] = outcome }, null, tags, null, null, null, null, "rep-li");

    private async Task<ILeadGrain> AssignedLeadAsync()
    {
        await _data.TeamAsync();
        var lead = _data.Lead("lead-1");
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li", null,
            new LeadQualification("school", null, null, null, 30_000m, 3)));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        return lead;
    }

    [Fact]
    public async Task NextActions_WithTheShippedModel_TopThreeWithProbabilitiesReasonsAndScore()
    {
        var lead = await AssignedLeadAsync();
        await lead.LogActivityAsync(Call("asked about the price", "price-sensitive"));
        await lead.LogActivityAsync(Call("again the price", "price-sensitive"));
        var logged = await lead.LogActivityAsync(Call("can we pay in parts", "price-sensitive"));

        var advice = await lead.GetNextActionsAsync();

        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "current")).Trim();
        Assert.Equal(NextActionAdvice.Model, advice.Source);
        Assert.Equal(shipped, advice.ModelVersion);
        Assert.Equal((ModelKinds.Starter, ScoreSources.Model), (advice.ModelKind, advice.ScoreSource));
        Assert.Null(advice.FallbackReason);
        Assert.Equal(3, advice.Actions.Count);
        // First the answer to the concern the signals make likeliest (the concern model), with that concern as its
        // first reason; then by the chance of winning if taken, the team's usual action kept unless another beats it
        // by the margin.
        var shown = string.Join(" / ", advice.Actions.Select(a => $"{a.Action} {a.Probability}: {string.Join("; ", a.Reasons)}"));
        Assert.Equal("installment-plan", advice.Actions[0].Action);
        Assert.StartsWith("the customer is likely worried about price (", advice.Actions[0].Reasons[0], StringComparison.Ordinal);
        Assert.True(advice.Actions[1].Probability >= advice.Actions[2].Probability - AdviceSettings.Frozen.Margin, shown);
        Assert.InRange(advice.WinProbability!.Value, 0.001, 0.999);

        // The lead keeps the score of its latest change, for routing and the dashboard.
        Assert.Equal(shipped, logged.Lead!.Score!.ModelVersion);
        Assert.Equal((ModelKinds.Starter, ScoreSources.Model), (logged.Lead.Score.ModelKind, logged.Lead.Score.Source));
        Assert.InRange(logged.Lead.Score.WinProbability, 0.001, 0.999);
    }

    [Fact]
    public async Task Journal_ActivitiesAndOutcome_AreWrittenWithTheLeadsAttributes()
    {
        var lead = await AssignedLeadAsync();
        await lead.LogActivityAsync(Call("asked about delivery", "delivery-time"));
        await lead.ReportSignalAsync(new LeadSignal(LeadSignal.SiteVisit, null, SecondsOnSite: 120, Pages: ["/after-sales-policy"], Downloads: 1, ReportedBy: "web-tracker"));
        await lead.RecordOutcomeAsync(new LeadOutcome(true, "signed", "rep-li"));

        var silo = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary);
        var journal = Assert.IsType<InMemoryJournal>(silo.SiloHost.Services.GetRequiredService<IJournal>());
        var all = journal.Read(_data.Tenant);
        var rows = all.Where(r => r.Stream == "lead-1").ToList();

        Assert.Equal([LeadJournalEntry.ActivityEvent, LeadJournalEntry.SignalEvent, LeadJournalEntry.OutcomeEvent], rows.Select(r => r.Entry.EventType));
        // The assignment went to the rep's own stream (what the rep's open leads are reconciled from).
        Assert.Equal(("rep:rep-li", "rep.lead-handed-over"), Assert.Single(all, r => r.Stream != "lead-1") is var (stream, entry) ? (stream, entry.EventType) : default);
        var activity = LeadJournalEntry.FromJson(rows[0].Entry.Payload)!;
        Assert.Equal(("school", "website_form", 1, 3), (activity.Industry, activity.Channel, activity.BudgetBand, activity.Quality));
        Assert.Equal(("call", "call-back"), (activity.ActivityType, activity.Action));
        Assert.Equal(["delivery-time"], activity.Tags);
        Assert.Equal(["page:after-sales-policy", "download"], LeadJournalEntry.FromJson(rows[1].Entry.Payload)!.Tags);
        Assert.True(LeadJournalEntry.FromJson(rows[2].Entry.Payload)!.Won);

        // What the journal holds is what training reads.
        var history = Assert.Single(JournalHistories.Build(rows.Select(r => new JournalRow(r.Stream, r.Entry.EventType, r.Entry.At, r.Entry.Payload))));
        Assert.True(history.Won);
        Assert.Equal(["call-back", "(signal)"], history.Interactions.Select(i => i.Action ?? "(signal)"));
    }
}
