using CrmActors.MlModels.Evaluation;
using CrmActors.MlModels.Journal;

namespace CrmActors.MlModels.Tests;

public sealed class FeatureTests
{
    private static readonly DateTimeOffset Created = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Extract_CountsSignalsOncePerInteraction_SplitsCompetitorsAtTheDemo_AndReadsTheStage()
    {
        var profile = new LeadProfile("Hospital", "Referral", 2, 4, Created);
        Interaction[] history =
        [
            new(Created.AddHours(1), "call-back", ["competitor", "price-sensitive", "price-sensitive"], "how much is it"),
            new(Created.AddHours(3), null, ["page:after-sales-policy", "download"], string.Empty),
            new(Created.AddHours(10), "schedule-demo", ["competitor"], "let me think"),
            new(Created.AddHours(200), "send-quote", ["competitor", "delivery-time"], "ok"),
        ];

        var f = FeatureExtractor.Extract(profile, history, Created.AddHours(224));

        Assert.Equal(1, f.PriceSensitive);
        Assert.Equal(1, f.CompetitorBeforeDemo);
        Assert.Equal(2, f.CompetitorAfterDemo);
        Assert.Equal(1, f.AfterSalesViews);
        Assert.Equal(1, f.Downloads);
        Assert.Equal(1, f.DeliveryQuestions);
        Assert.Equal(1, f.Hesitations);
        Assert.Equal(1, f.PriceAsks);
        Assert.Equal(0, f.LatestHesitation);
        Assert.Equal(3, f.Interactions);
        Assert.Equal(2, f.InteractionsAfterDemo);
        Assert.Equal((1f, 1f, 3f), (f.DemoDone, f.QuoteSent, f.Stage));
        Assert.Equal(24, f.HoursSinceLastTouch, 3);
        Assert.Equal(1, f.PastStalls);
        Assert.Equal(("send-quote", "schedule-demo"), (f.LastAction, f.PreviousAction));
        Assert.Equal(1, f.PastActions[ActionCatalogue.IndexOf("call-back")]);
        Assert.Equal(("hospital", "referral", 2f, 4f), (f.Industry, f.Channel, f.BudgetBand, f.Quality));
    }

    [Fact]
    public void DecisionPoints_OnePerRepAction_LabelledWithThatActionAndTheOutcome()
    {
        var lead = new LeadHistory("l1", new LeadProfile("saas", "web-form", 0, 0, Created),
        [
            new(Created.AddHours(1), "call-back", [], string.Empty),
            new(Created.AddHours(2), null, ["page:pricing"], string.Empty),
            new(Created.AddHours(5), "send-quote", [], string.Empty),
        ], Won: true);

        var points = FeatureExtractor.DecisionPoints(lead).ToList();

        Assert.Equal(["call-back", "send-quote"], points.Select(p => p.Action));
        Assert.All(points, p => Assert.True(p.Won));
        Assert.Equal(0, points[0].Interactions);
        Assert.Equal(1, points[1].PricingViews);
        Assert.Equal(3, points[1].HoursSinceLastTouch, 3);
    }

    [Theory]
    [InlineData("call", "", "call-back")]
    [InlineData("quote-sent", "", "send-quote")]
    [InlineData("solution-demo", "", "schedule-demo")]
    [InlineData("email", "action:installment-plan", "installment-plan")]
    [InlineData("call", "action:no-such-action", "call-back")]
    [InlineData("needs-clarification", "", null)]
    public void ActionOf_TagWinsOverType(string type, string tag, string? expected) =>
        Assert.Equal(expected, ActionCatalogue.ActionOf(type, tag.Length == 0 ? [] : [tag]));

    [Fact]
    public void RuleBaseline_ThreePriceTags_RanksTheInstallmentPlanFirst_ThenByFrequency()
    {
        Interaction[] history = [.. Enumerable.Range(0, 3).Select(i => new Interaction(Created.AddHours(i), "call-back", ["price-sensitive"], string.Empty))];
        int[] byFrequency = [0, 2, 1, 3, 4, 5, 6, 7, 8, 9];

        var ranked = RuleBaseline.RankActions(history, byFrequency);

        Assert.Equal(ActionCatalogue.IndexOf("installment-plan"), ranked[0]);
        Assert.Equal([0, 2, 1], ranked.Skip(1).Take(3));
        Assert.Equal(ActionCatalogue.Count, ranked.Distinct().Count());
        Assert.Equal(byFrequency, RuleBaseline.RankActions([], byFrequency));
    }

    [Fact]
    public void JournalHistories_BuildsLeadsInTimeOrder_WithOutcomes_SkippingForeignAndBrokenRows()
    {
        var entry = new LeadJournalEntry("clinic", "wechat", 1, 3, Created, "call", "call-back", ["price-sensitive"], "hello", null);
        JournalRow[] rows =
        [
            new("lead-b", LeadJournalEntry.ActivityEvent, Created.AddHours(5), (entry with { Action = "send-quote", ActivityType = "quote-sent" }).ToJson()),
            new("lead-b", LeadJournalEntry.ActivityEvent, Created.AddHours(1), entry.ToJson()),
            new("lead-b", LeadJournalEntry.SignalEvent, Created.AddHours(2), (entry with { Action = null, Tags = ["page:pricing"] }).ToJson()),
            new("lead-b", LeadJournalEntry.OutcomeEvent, Created.AddHours(9), (entry with { Won = true }).ToJson()),
            new("lead-a", LeadJournalEntry.ActivityEvent, Created.AddHours(1), entry.ToJson()),
            new("lead-a", "lead.routed", Created.AddHours(1), "{}"),
            new("lead-c", LeadJournalEntry.ActivityEvent, Created.AddHours(1), "not json"),
        ];

        var leads = JournalHistories.Build(rows);

        Assert.Equal(["lead-a", "lead-b"], leads.Select(l => l.LeadId));
        var b = leads[1];
        Assert.Equal(["call-back", null, "send-quote"], b.Interactions.Select(i => i.Action));
        Assert.True(b.Won);
        Assert.Null(leads[0].Won);
        Assert.Equal(new LeadProfile("clinic", "wechat", 1, 3, Created), b.Profile);
    }
}
