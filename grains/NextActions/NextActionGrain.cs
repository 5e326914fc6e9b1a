using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.MlModels;
using CrmActors.MlModels.Evaluation;
using CrmActors.MlModels.Serving;
using Orleans.Concurrency;

namespace CrmActors.Grains.NextActions;

/// <summary>
/// Serves the next-action and scoring models in every silo: a stateless worker, so each silo answers locally with
/// its own activations, each holding predictors for the models it served last (rebuilt when they change). A tenant
/// with a current model of its own is served it (<see cref="ModelKinds.Tenant"/>), where its held-out figures allow:
/// the points score where it did not rank the tenant's held-out leads better, the rule hints where it did not beat
/// them; every other tenant is served the starter model (<see cref="ModelKinds.Starter"/>).
/// </summary>
[StatelessWorker]
public sealed class NextActionGrain(ModelStore store, TenantModelCache tenantModels, NextActionMetrics metrics) : Grain, INextActionGrain
{
    private const int MaxPredictors = 8;
    private readonly Dictionary<LoadedModels, ModelPredictor> predictors = new(ReferenceEqualityComparer.Instance);

    /// <inheritdoc />
    public async Task<NextActionAdvice> AdviseAsync(AdviceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var own = request.Tenant is { } tenant ? await tenantModels.GetAsync(tenant) : null;
        var models = own?.Models ?? store.Current;
        if (models is null)
        {
            metrics.Fallbacks.Add(1);
            return new NextActionAdvice(NextActionAdvice.Rules, null, store.Status.Problem, [], null);
        }

        var predictor = PredictorFor(models);
        var version = models.Manifest.Version;
        var started = Stopwatch.GetTimestamp();
        var profile = new LeadProfile(request.Industry, request.Channel, request.BudgetBand, request.Quality, request.CreatedAt);
        IReadOnlyList<Interaction> history = [.. request.Interactions.Select(i => new Interaction(i.At, i.Action, i.Tags, i.Text))];
        var features = FeatureExtractor.Extract(profile, history, request.Now);
        var open = predictor.OpenConcerns(profile, history);
        var usual = predictor.PracticeProbabilities(features);
        var probabilities = predictor.ActionProbabilities(features, usual);
        var scoreFallback = own?.Verdict.ScoreFallbackReason(version);
        var win = scoreFallback is null ? predictor.WinProbability(features) : RuleBaseline.PointsScore(features);
        metrics.Inference.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var kind = own is null ? ModelKinds.Starter : ModelKinds.Tenant;
        var scoreSource = scoreFallback is null ? ScoreSources.Model : ScoreSources.Points;
        if (own?.Verdict.ActionsFallbackReason(version) is { } actionsFallback)
        {
            return new NextActionAdvice(NextActionAdvice.Rules, version, actionsFallback, [], Math.Round(win, 4), kind, scoreSource, scoreFallback);
        }

        started = Stopwatch.GetTimestamp();
        var ranked = predictor.Recommend(features, probabilities, usual, 3, request.WithReasons, open);
        if (request.WithReasons)
        {
            metrics.Explanation.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new NextActionAdvice(
            NextActionAdvice.Model,
            version,
            null,
            [.. ranked.Select(r => new RecommendedAction(r.Action, r.Card, Math.Round(r.Probability, 4), r.Reasons))],
            Math.Round(win, 4),
            kind,
            scoreSource,
            scoreFallback);
    }

    /// <inheritdoc />
    public Task<ModelStatus> GetStatusAsync() => Task.FromResult(store.Status);

    private ModelPredictor PredictorFor(LoadedModels models)
    {
        if (!predictors.TryGetValue(models, out var predictor))
        {
            // Models replaced by newer versions are dropped with the rest when the cache is full.
            if (predictors.Count >= MaxPredictors)
            {
                predictors.Clear();
            }

            predictor = predictors[models] = models.CreatePredictor();
        }

        return predictor;
    }
}

/// <summary>The next-action model's metrics (meter <c>CrmActors.NextActions</c>).</summary>
public sealed class NextActionMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CrmActors.NextActions";

    private readonly Meter meter = new(MeterName);

    /// <summary>Creates the instruments.</summary>
    public NextActionMetrics()
    {
        Inference = meter.CreateHistogram<double>("crm.next_action.inference", "ms", "Time to featurize one lead and predict its action probabilities and win probability in the silo");
        Explanation = meter.CreateHistogram<double>("crm.next_action.explanation", "ms", "Time to find the reasons behind the top three actions (API requests only)");
        Fallbacks = meter.CreateCounter<long>("crm.next_action.fallbacks", description: "Advice answered by the rule hints because no model is loaded");
    }

    /// <summary>Inference time per advice.</summary>
    public Histogram<double> Inference { get; }

    /// <summary>Explanation time per advice with reasons.</summary>
    public Histogram<double> Explanation { get; }

    /// <summary>Advice answered without a model.</summary>
    public Counter<long> Fallbacks { get; }

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
