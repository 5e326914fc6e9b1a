using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace CrmActors.MlModels.Training;

/// <summary>The two trained pipelines and the schema they read.</summary>
/// <param name="NextAction">Features to per-action probabilities (column <c>Score</c>, catalogue order).</param>
/// <param name="Scoring">Features to the calibrated win probability (column <c>Probability</c>).</param>
/// <param name="InputSchema">The input schema both were trained on.</param>
/// <param name="Practice">Features to how often the team takes each action (column <c>Score</c>, catalogue order).</param>
public sealed record class TrainedModels(ITransformer NextAction, ITransformer Scoring, DataViewSchema InputSchema, ITransformer Practice);

/// <summary>
/// Trains the next-action (LightGBM multiclass over <see cref="ActionCatalogue"/>) and scoring (LightGBM binary with
/// Platt calibration) pipelines. Fixed seeds, fixed thread count and LightGBM's deterministic mode: the same rows
/// give the same models.
/// </summary>
public sealed class ModelTrainer(int seed)
{
    /// <summary>Threads LightGBM trains with (fixed so results do not depend on the machine).</summary>
    public const int Threads = 2;

    /// <summary>Trains both models on <paramref name="rows"/> (decision points of training leads only).</summary>
    public TrainedModels Train(IReadOnlyList<LeadFeatures> rows, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("There is nothing to train on.", nameof(rows));
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var closed = rows.Where(r => r.Closed).ToList();
        if (closed.Count == 0 || closed.All(r => r.Won) || !closed.Exists(r => r.Won))
        {
            throw new ArgumentException("The models need closed leads, both won and lost, to train on.", nameof(rows));
        }

        var closedData = ml.Data.LoadFromEnumerable(closed);
        progress?.Report($"next action: {closed.Count:N0} decision points of closed leads, {closed.Count(r => r.Won):N0} from won leads; win chance per action taken");
        var nextAction = Featurize(ml, withAction: true)
            .Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(LeadFeatures.Won),
                FeatureColumnName = "Features",
                NumberOfIterations = 200,
                NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = 50,
                LearningRate = 0.05,
                Seed = seed,
                NumberOfThreads = Threads,
                Deterministic = true,
                Silent = true,
                Booster = new GradientBooster.Options { L2Regularization = 1.0 },
            }))
            .Fit(closedData);

        progress?.Report($"scoring: {closed.Count:N0} decision points of closed leads");
        // Few, shallow trees with large leaves: the win label is one noisy draw per lead, repeated over its decision
        // points, and deeper trees learn the noise (README.md).
        var scoreTrainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(LeadFeatures.Won),
            FeatureColumnName = "Features",
            NumberOfIterations = 300,
            NumberOfLeaves = 4,
            MinimumExampleCountPerLeaf = 200,
            LearningRate = 0.05,
            Seed = seed,
            NumberOfThreads = Threads,
            Deterministic = true,
            Silent = true,
            Booster = new GradientBooster.Options { L2Regularization = 1.0 },
        });
        var scoring = Featurize(ml, withAction: false).Append(scoreTrainer).Fit(closedData);

        progress?.Report($"practice: {rows.Count:N0} decision points");
        var actionKeys = ml.Data.LoadFromEnumerable(ActionCatalogue.All.Select(a => new ActionKey { Action = a.Id }));
        var practice = Featurize(ml, withAction: false)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(LeadFeatures.Action), keyData: actionKeys))
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                NumberOfIterations = Math.Clamp(rows.Count / 40, 30, 160),
                NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = 20,
                LearningRate = 0.08,
                UseSoftmax = true,
                Seed = seed,
                NumberOfThreads = Threads,
                Deterministic = true,
                Silent = true,
                Booster = new GradientBooster.Options { L2Regularization = 1.0 },
            }))
            .Fit(data);

        return new TrainedModels(nextAction, scoring, data.Schema, practice);
    }

    /// <summary>One-hot categorical columns (and the action taken, for the next-action model) beside the numeric ones.</summary>
    internal static Microsoft.ML.Data.EstimatorChain<Microsoft.ML.Data.ColumnConcatenatingTransformer> Featurize(MLContext ml, bool withAction)
    {
        var encoded = LeadFeatures.CategoricalColumns.Concat(withAction ? [nameof(LeadFeatures.Action)] : []).Select(c => new InputOutputColumnPair(c + "Hot", c)).ToArray();
        return ml.Transforms.Categorical.OneHotEncoding(encoded)
            .Append(ml.Transforms.Concatenate("Features", [.. LeadFeatures.NumericColumns, .. withAction ? LeadFeatures.CandidateColumns : [], .. encoded.Select(e => e.OutputColumnName)]));
    }
}

internal sealed class ActionKey
{
    public string Action { get; set; } = string.Empty;
}
