using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.MlModels;
using CrmActors.MlModels.Serving;
using Orleans.Concurrency;

namespace CrmActors.Grains.NextActions;

/// <summary>
/// Serves the next-action and scoring models in every silo: a stateless worker, so each silo answers locally with
/// its own activations, each holding a predictor for the store's current models (rebuilt when they change).
/// </summary>
[StatelessWorker]
public sealed class NextActionGrain(ModelStore store, NextActionMetrics metrics) : Grain, INextActionGrain
{
    private ModelPredictor? predictor;

    /// <inheritdoc />
    public Task<NextActionAdvice> AdviseAsync(AdviceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var models = store.Current;
        if (models is null)
        {
            metrics.Fallbacks.Add(1);
            return Task.FromResult(new NextActionAdvice(NextActionAdvice.Rules, null, store.Status.Problem, [], null));
        }

        if (predictor?.Manifest != models.Manifest)
        {
            predictor = models.CreatePredictor();
        }

        var started = Stopwatch.GetTimestamp();
        var features = FeatureExtractor.Extract(
            new LeadProfile(request.Industry, request.Channel, request.BudgetBand, request.Quality, request.CreatedAt),
            [.. request.Interactions.Select(i => new Interaction(i.At, i.Action, i.Tags, i.Text))],
            request.Now);
        var probabilities = predictor.ActionProbabilities(features);
        var win = predictor.WinProbability(features);
        metrics.Inference.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        started = Stopwatch.GetTimestamp();
        var ranked = predictor.Recommend(features, probabilities, 3, request.WithReasons);
        if (request.WithReasons)
        {
            metrics.Explanation.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Task.FromResult(new NextActionAdvice(
            NextActionAdvice.Model,
            models.Manifest.Version,
            null,
            [.. ranked.Select(r => new RecommendedAction(r.Action, r.Card, Math.Round(r.Probability, 4), r.Reasons))],
            Math.Round(win, 4)));
    }

    /// <inheritdoc />
    public Task<ModelStatus> GetStatusAsync() => Task.FromResult(store.Status);
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
