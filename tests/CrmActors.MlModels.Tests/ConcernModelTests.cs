using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Tests;

/// <summary>The concern model: fitted from signal logs alone, it finds the world's rates and the worries a lead shows.</summary>
[Collection(TrainedCollection.Name)]
public sealed class ConcernModelTests(TrainedFixture fixture)
{
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ConcernModel> Base = new(() => ConcernModel.Fit([.. new SalesSimulator(21).Leads(6_000, "concerns").Select(l => l.History)]));

    [Fact]
    public void Fit_FindsTheRatesTheWorldDrawsSignalsAt()
    {
        // The base world: a worried customer shows its signal at 0.45 per interaction (0.135 once answered), one
        // without the worry at 0.06; high intent asks for a price at 0.30, low at 0.07 (ml-models/README.md).
        var price = Base.Value.Parameters.Concerns[0];
        Assert.Equal(Signal.PriceSensitive, price.Signal);
        Assert.InRange(price.Rates[0], 0.38, 0.52);
        Assert.InRange(price.Rates[2], 0.08, 0.20);
        Assert.InRange(price.Noise, 0.04, 0.08);
        var intent = Base.Value.Parameters.Intent;
        Assert.InRange(intent.High[0], 0.22, 0.38);
        Assert.InRange(intent.Low[0], 0.04, 0.10);
    }

    [Fact]
    public void Fit_LearnsWhichIndustriesWorryAboutWhat()
    {
        // Manufacturers worry about delivery 2.5 times as often as other industries.
        var model = Base.Value;
        var nothing = new List<Interaction>();
        var manufacturer = model.OpenConcerns(Profile("manufacturer"), nothing)[1];
        var hospital = model.OpenConcerns(Profile("hospital"), nothing)[1];
        Assert.True(manufacturer > 1.8 * hospital, $"delivery: manufacturer {manufacturer:0.000}, hospital {hospital:0.000}");
    }

    [Fact]
    public void OpenConcerns_RiseWithEachSignal_AndCloseOnceAnswered()
    {
        var model = Base.Value;
        var profile = Profile("school");
        List<Interaction> history = [Touch(1, "call-back")];
        var none = model.OpenConcerns(profile, history)[0];
        history.Add(Touch(2, "call-back", "price-sensitive"));
        var once = model.OpenConcerns(profile, history)[0];
        history.Add(Touch(3, "call-back", "price-sensitive"));
        var twice = model.OpenConcerns(profile, history)[0];

        Assert.True(none < once && once < twice, $"price: {none:0.000}, {once:0.000}, {twice:0.000}");
        // By the world's own figures: prior odds about 0.3, each signal x7.5 (0.45 / 0.06), the silent touch x0.59.
        Assert.True(twice > 0.8, $"two price signals in three touches: {twice:0.000}");

        history.Add(Touch(4, "installment-plan"));
        Assert.Equal(0, model.OpenConcerns(profile, history)[0]);
    }

    [Fact]
    public void OpenConcerns_AnIndustryNeverSeenSharesTheLastCell()
    {
        var open = Base.Value.OpenConcerns(Profile("aerospace"), [Touch(1, "call-back", "delivery-time")]);
        Assert.All(open, p => Assert.InRange(p, 0.0, 1.0));
        Assert.True(open[1] > open[0], "a delivery signal makes delivery the likelier worry");
    }

    [Fact]
    public void Parameters_RoundTripThroughTheManifest_AndAnOlderManifestHasNone()
    {
        var manifest = fixture.Manifest with { Concerns = Base.Value.Parameters };
        var again = ModelManifest.FromJson(manifest.ToJson());
        var restored = ConcernModel.From(again.Concerns!);
        List<Interaction> history = [Touch(1, "schedule-demo", "competitor"), Touch(2, "call-back", "technical")];
        Assert.Equal(Base.Value.OpenConcerns(Profile("saas"), history), restored.OpenConcerns(Profile("saas"), history));

        var older = ModelManifest.FromJson(fixture.Manifest.ToJson().Replace("\"concerns\": null,", string.Empty, StringComparison.Ordinal));
        Assert.Null(older.Concerns);
        var predictor = LoadedModels.FromTrained(fixture.Trained, older).CreatePredictor();
        Assert.Null(predictor.Concerns);
        Assert.Null(predictor.OpenConcerns(Profile("saas"), history));
    }

    [Fact]
    public void Fit_OnLogsWithoutSignals_NamesNoWorry()
    {
        // A tenant whose reps never tag anything: nothing to learn a worry from, so no answer is advised for one.
        var silent = new SalesSimulator(22).Leads(1_000, "silent")
            .Select(l => l.History with { Interactions = [.. l.History.Interactions.Select(i => i with { Tags = [], Text = "ok" })] })
            .ToList();
        var model = ConcernModel.Fit(silent);
        foreach (var lead in silent.Take(50))
        {
            Assert.All(model.OpenConcerns(lead.Profile, lead.Interactions), p => Assert.True(p < 0.01, $"{p:0.000}"));
        }
    }

    [Fact]
    public void From_RefusesFiguresThatDoNotFitTogether()
    {
        var parameters = Base.Value.Parameters;
        Assert.Throws<ArgumentException>(() => ConcernModel.From(parameters with { Concerns = [.. parameters.Concerns.Take(5)] }));
        Assert.Throws<ArgumentException>(() => ConcernModel.From(parameters with { Industries = [.. parameters.Industries, "aerospace"] }));
        var certain = parameters.Concerns[0] with { Noise = 0 };
        Assert.Throws<ArgumentException>(() => ConcernModel.From(parameters with { Concerns = [certain, .. parameters.Concerns.Skip(1)] }));
        Assert.Throws<ArgumentException>(() => ConcernModel.From(parameters with { Intent = parameters.Intent with { High = [double.NaN, 0.3, 0.3] } }));
    }

    [Fact]
    public void Advice_AnswersTheLikeliestOpenConcern_OrTakesTheStagesNextStep()
    {
        var fresh = new LeadFeatures { HoursSinceLastTouch = 20 };
        Assert.Equal(("installment-plan", 0), Named(ConcernAdvice.Choose(fresh, [0.6, 0.3, 0, 0, 0, 0], 0.25)));
        Assert.Equal(("schedule-demo", 2), Named(ConcernAdvice.Choose(fresh, [0.1, 0, 0.7, 0, 0, 0], 0.25)));
        Assert.Equal(("schedule-demo", (int?)null), Named(ConcernAdvice.Choose(fresh, [0.2, 0.1, 0, 0, 0, 0], 0.25)));

        var demonstrated = new LeadFeatures { HoursSinceLastTouch = 20, DemoDone = 1 };
        Assert.Equal(("competitor-comparison", 2), Named(ConcernAdvice.Choose(demonstrated, [0.1, 0, 0.7, 0, 0, 0], 0.25)));
        Assert.Equal(("send-quote", (int?)null), Named(ConcernAdvice.Choose(demonstrated, [0.2, 0, 0, 0, 0, 0], 0.25)));
        Assert.Equal(("call-back", (int?)null), Named(ConcernAdvice.Choose(new LeadFeatures { DemoDone = 1, QuoteSent = 1 }, [0, 0, 0, 0, 0, 0], 0.25)));

        var stalled = new LeadFeatures { HoursSinceLastTouch = 200 };
        Assert.Equal(("escalate-supervisor", (int?)null), Named(ConcernAdvice.Choose(stalled, [0.9, 0, 0, 0, 0, 0], 0.25)));
    }

    [Fact]
    public void Recommend_PutsTheAnswerFirst_WithTheConcernAsItsReason()
    {
        var models = LoadedModels.FromTrained(fixture.Trained, fixture.Manifest with { Concerns = Base.Value.Parameters });
        var predictor = models.CreatePredictor();
        var profile = Profile("school");
        List<Interaction> history = [Touch(1, "schedule-demo", "price-sensitive"), Touch(2, "send-quote", "price-sensitive")];
        var now = Created.AddDays(3);
        var features = FeatureExtractor.Extract(profile, history, now);
        var usual = predictor.PracticeProbabilities(features);
        var open = predictor.OpenConcerns(profile, history);

        var ranked = predictor.Recommend(features, predictor.ActionProbabilities(features, usual), usual, 3, explain: true, open);

        Assert.Equal("installment-plan", ranked[0].Action);
        Assert.InRange(ranked[0].Probability, 0.001, 0.999);
        Assert.StartsWith("the customer is likely worried about price (", ranked[0].Reasons[0], StringComparison.Ordinal);
        Assert.Equal(3, ranked.Select(r => r.Action).Distinct().Count());
        Assert.Equal(ActionCatalogue.IndexOf("installment-plan"), predictor.Advise(profile, history, now));

        // With the concern model off the outcome model alone orders the advice, as before it existed.
        var off = models.CreatePredictor(AdviceSettings.Frozen with { ConcernThreshold = null });
        Assert.Null(off.OpenConcerns(profile, history));
        Assert.Equal(off.Advise(features), off.Advise(profile, history, now));
    }

    [Fact]
    public void Recommend_AsksTheOutcomeModelAboutAnAnswerTheTeamSeldomGivesThere()
    {
        var predictor = LoadedModels.FromTrained(fixture.Trained, fixture.Manifest with { Concerns = Base.Value.Parameters }).CreatePredictor();
        // A school with a low budget: price is the likely worry before anything is logged (the learned prior), while
        // the team opens such leads with a demo or a call, so the support rule left the plan unjudged.
        var profile = new LeadProfile("school", "web-form", 1, 3, Created);
        var features = FeatureExtractor.Extract(profile, [], Created.AddHours(2));
        var usual = predictor.PracticeProbabilities(features);
        var p = predictor.ActionProbabilities(features, usual);
        var plan = ActionCatalogue.IndexOf("installment-plan");
        Assert.True(p[plan] == 0, $"usual {usual[plan]:0.000}, p {p[plan]:0.000}");

        var ranked = predictor.Recommend(features, p, usual, 3, explain: false, predictor.OpenConcerns(profile, []));

        Assert.Equal("installment-plan", ranked[0].Action);
        Assert.InRange(ranked[0].Probability, 0.001, 0.999);
        Assert.Equal(0, p[plan]);
    }

    private static (string, int?) Named((int Action, int? Concern) choice) => (ActionCatalogue.All[choice.Action].Id, choice.Concern);

    private static LeadProfile Profile(string industry) => new(industry, "web-form", 2, 3, Created);

    private static Interaction Touch(int day, string action, params string[] tags) => new(Created.AddDays(day), action, tags, "ok");
}
