using CrmActors.MlModels;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.Grains.Tests.NextActions;

/// <summary>Small models trained once per test run on a simulated tenant, written into model directories on demand.</summary>
public static class TinyModels
{
    private static readonly Lazy<TrainedModels> Trained = new(() =>
        new ModelTrainer(1).Train([.. new SalesSimulator(4).Leads(400).SelectMany(l => FeatureExtractor.DecisionPoints(l.History))]));

    /// <summary>Writes version <paramref name="version"/> under <paramref name="root"/>; optionally points <c>current</c> at it.</summary>
    public static void Write(string root, string version, bool makeCurrent = true, int schemaVersion = LeadFeatures.SchemaVersion)
    {
        LoadedModels.Save(Path.Combine(root, version), Trained.Value, new ModelManifest(version, schemaVersion, ActionCatalogue.Fingerprint, "tiny test models", 400, 0));
        if (makeCurrent)
        {
            TrainingRun.MakeCurrent(root, version);
        }
    }

    /// <summary>A fresh, empty models root.</summary>
    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "crm-models-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }
}
