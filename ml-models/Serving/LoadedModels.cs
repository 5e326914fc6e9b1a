using Microsoft.ML;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Serving;

/// <summary>A model directory that cannot be served, and why.</summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A loaded, compatible pair of models: immutable and safe to share between threads. Each caller makes its own
/// <see cref="ModelPredictor"/> (prediction engines are single-threaded).
/// </summary>
public sealed class LoadedModels
{
    private readonly MLContext ml;
    private readonly ITransformer nextAction;
    private readonly ITransformer scoring;
    private readonly ITransformer practice;

    private LoadedModels(MLContext ml, ModelManifest manifest, ITransformer nextAction, ITransformer scoring, ITransformer practice)
    {
        this.ml = ml;
        Manifest = manifest;
        this.nextAction = nextAction;
        this.scoring = scoring;
        this.practice = practice;
    }

    /// <summary>What was loaded.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Writes <paramref name="models"/> and <paramref name="manifest"/> into <paramref name="directory"/>.</summary>
    public static void Save(string directory, TrainedModels models, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(manifest);
        Directory.CreateDirectory(directory);
        var ml = new MLContext(0);
        ml.Model.Save(models.NextAction, models.InputSchema, Path.Combine(directory, ModelManifest.NextActionFile));
        ml.Model.Save(models.Scoring, models.InputSchema, Path.Combine(directory, ModelManifest.ScoringFile));
        ml.Model.Save(models.Practice, models.InputSchema, Path.Combine(directory, ModelManifest.PracticeFile));
        File.WriteAllText(Path.Combine(directory, ModelManifest.FileName), manifest.ToJson());
    }

    /// <summary>Wraps models trained in this process (evaluation, tests) without a round trip through files.</summary>
    public static LoadedModels FromTrained(TrainedModels models, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(models);
        var loaded = new LoadedModels(new MLContext(0), manifest, models.NextAction, models.Scoring, models.Practice);
        loaded.CreatePredictor();
        return loaded;
    }

    /// <summary>Loads the models in <paramref name="directory"/>; throws <see cref="ModelUnavailableException"/> saying why it cannot.</summary>
    public static LoadedModels Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ModelManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new ModelUnavailableException($"no model manifest at {manifestPath}");
        }

        return FromParts(
            File.ReadAllText(manifestPath),
            $"the manifest at {manifestPath}",
            ml => ml.Model.Load(Path.Combine(directory, ModelManifest.NextActionFile), out _),
            ml => ml.Model.Load(Path.Combine(directory, ModelManifest.ScoringFile), out _),
            ml => ml.Model.Load(Path.Combine(directory, ModelManifest.PracticeFile), out _));
    }

    /// <summary>
    /// Loads models kept as bytes (a database row): the manifest's JSON and the three zips; throws
    /// <see cref="ModelUnavailableException"/> saying why it cannot.
    /// </summary>
    public static LoadedModels Load(string manifestJson, byte[] nextActionZip, byte[] scoringZip, byte[] practiceZip)
    {
        ArgumentNullException.ThrowIfNull(manifestJson);
        ArgumentNullException.ThrowIfNull(nextActionZip);
        ArgumentNullException.ThrowIfNull(scoringZip);
        ArgumentNullException.ThrowIfNull(practiceZip);
        return FromParts(
            manifestJson,
            "the stored manifest",
            ml => LoadStream(ml, nextActionZip),
            ml => LoadStream(ml, scoringZip),
            ml => LoadStream(ml, practiceZip));
    }

    private static ITransformer LoadStream(MLContext ml, byte[] zip)
    {
        using var stream = new MemoryStream(zip, writable: false);
        return ml.Model.Load(stream, out _);
    }

    private static LoadedModels FromParts(
        string manifestJson, string where, Func<MLContext, ITransformer> loadNextAction, Func<MLContext, ITransformer> loadScoring, Func<MLContext, ITransformer> loadPractice)
    {
        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.FromJson(manifestJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ModelUnavailableException($"{where} is not valid: {e.Message}", e);
        }

        if (manifest.Incompatibility() is { } why)
        {
            throw new ModelUnavailableException($"model {manifest.Version} is incompatible: {why}");
        }

        try
        {
            var ml = new MLContext(0);
            var loaded = new LoadedModels(ml, manifest, loadNextAction(ml), loadScoring(ml), loadPractice(ml));

            // Building the engines checks the files against this build's feature schema.
            loaded.CreatePredictor();
            return loaded;
        }
        catch (Exception e) when (e is not ModelUnavailableException and not OutOfMemoryException)
        {
            throw new ModelUnavailableException($"model {manifest.Version} cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>A predictor for one thread (or one grain activation) at a time.</summary>
    public ModelPredictor CreatePredictor(AdviceSettings? advice = null)
    {
        var actionOutput = nextAction.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<LeadFeatures>()).Schema);
        if (actionOutput.GetColumnOrNull("Probability") is null)
        {
            throw new ModelUnavailableException($"model {Manifest.Version} does not give a win chance per action (an older model kind)");
        }

        var practiceOutput = practice.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<LeadFeatures>()).Schema);
        var slots = practiceOutput["Score"].Type is Microsoft.ML.Data.VectorDataViewType vector ? vector.Size : 0;
        if (slots != ActionCatalogue.Count)
        {
            throw new ModelUnavailableException($"model {Manifest.Version} knows {slots} actions, the catalogue has {ActionCatalogue.Count}");
        }

        return new ModelPredictor(
            Manifest,
            ml.Model.CreatePredictionEngine<LeadFeatures, ActionOutput>(nextAction),
            ml.Model.CreatePredictionEngine<LeadFeatures, ScoreOutput>(scoring),
            ml.Model.CreatePredictionEngine<LeadFeatures, PracticeOutput>(practice))
        {
            Advice = advice ?? AdviceSettings.Frozen,
            Concerns = Manifest.Concerns is { } concerns ? Training.ConcernModel.From(concerns) : null,
        };
    }

    internal sealed class ActionOutput
    {
        public float Probability { get; set; }
    }

    internal sealed class PracticeOutput
    {
        [Microsoft.ML.Data.ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }

    internal sealed class ScoreOutput
    {
        public float Probability { get; set; }
    }
}
