using CrmActors.MlModels.Serving;

namespace CrmActors.MlModels.Tests;

[Collection(TrainedCollection.Name)]
public sealed class ModelLoadingTests(TrainedFixture fixture)
{
    [Fact]
    public void Load_NoManifest_IsUnavailableAndSaysWhere()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load(dir.Path));

        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherFeatureSchema_IsRefusedAsIncompatible()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest with { SchemaVersion = LeadFeatures.SchemaVersion + 1 });

        var error = Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load(dir.Path));

        Assert.Contains("incompatible", error.Message, StringComparison.Ordinal);
        Assert.Contains($"v{LeadFeatures.SchemaVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherActionCatalogue_IsRefused()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest with { Catalogue = "call-back,send-quote" });

        var error = Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load(dir.Path));

        Assert.Contains("action catalogue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptModelFile_IsUnavailableNotACrash()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest);
        File.WriteAllText(Path.Combine(dir.Path, ModelManifest.NextActionFile), "not a zip");

        var error = Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load(dir.Path));

        Assert.Contains("cannot be loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestNotJson_IsUnavailable()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest);
        File.WriteAllText(Path.Combine(dir.Path, ModelManifest.FileName), "{ nope");

        Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load(dir.Path));
    }
}
