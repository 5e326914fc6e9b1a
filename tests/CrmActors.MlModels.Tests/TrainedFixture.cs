using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Tests;

/// <summary>One small simulated tenant and models trained on it, shared by the tests that need a model.</summary>
public sealed class TrainedFixture
{
    public TrainedFixture()
    {
        Training = [.. new SalesSimulator(11).Leads(2_500, "train").Select(l => l.History)];
        HeldOut = [.. new SalesSimulator(12).Leads(600, "heldout").Select(l => l.History)];
        Rows = [.. Training.SelectMany(FeatureExtractor.DecisionPoints)];
        Trained = new ModelTrainer(5).Train(Rows);
        Manifest = new ModelManifest("test-v1", LeadFeatures.SchemaVersion, ActionCatalogue.Fingerprint, "fixture", Training.Count, Rows.Count);
        Models = LoadedModels.FromTrained(Trained, Manifest);
    }

    public IReadOnlyList<LeadHistory> Training { get; }

    public IReadOnlyList<LeadHistory> HeldOut { get; }

    public IReadOnlyList<LeadFeatures> Rows { get; }

    public TrainedModels Trained { get; }

    public ModelManifest Manifest { get; }

    public LoadedModels Models { get; }

    public IReadOnlyList<LeadFeatures> HeldOutRows => [.. HeldOut.SelectMany(FeatureExtractor.DecisionPoints)];
}

[CollectionDefinition(Name)]
public sealed class TrainedCollection : ICollectionFixture<TrainedFixture>
{
    public const string Name = "trained";
}

/// <summary>A temporary folder deleted with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crm-ml-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
