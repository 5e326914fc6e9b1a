using CrmActors.Grains.NextActions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmActors.Grains.Tests.NextActions;

/// <summary>The silo's model store: fallback when there is no usable model, hot swap when <c>current</c> changes.</summary>
public sealed class ModelStoreTests : IDisposable
{
    private readonly string _root = TinyModels.NewRoot();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ModelStore Store() =>
        new(Options.Create(new ModelOptions { Directory = _root, CheckInterval = TimeSpan.FromSeconds(10) }), _clock, NullLogger<ModelStore>.Instance);

    [Fact]
    public void NoCurrentFile_ServesNothing_AndSaysWhy()
    {
        var store = Store();

        Assert.Null(store.Current);
        Assert.False(store.Status.Serving);
        Assert.Contains("current is missing", store.Status.Problem, StringComparison.Ordinal);
        Assert.Contains("serving the rule hints", store.Status.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NewVersion_IsPickedUpAfterTheCheckInterval_WithoutARestart()
    {
        TinyModels.Write(_root, "v-a");
        var store = Store();
        Assert.Equal("v-a", store.Current?.Manifest.Version);

        TinyModels.Write(_root, "v-b");
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("v-a", store.Current?.Manifest.Version);

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("v-b", store.Current?.Manifest.Version);
        Assert.Null(store.Status.Problem);
    }

    [Fact]
    public void IncompatibleVersion_IsRefused_AndTheLoadedModelKeepsServing()
    {
        TinyModels.Write(_root, "v-a");
        var store = Store();
        Assert.Equal("v-a", store.Current?.Manifest.Version);

        TinyModels.Write(_root, "v-old-schema", schemaVersion: 0);
        _clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("v-a", store.Current?.Manifest.Version);
        Assert.Contains("v-old-schema is incompatible", store.Status.Problem, StringComparison.Ordinal);
        Assert.Contains("still serving v-a", store.Status.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentNamingAMissingVersion_FallsBackToRules_ThenRecoversWhenItArrives()
    {
        TrainingRunMakeCurrent("v-late");
        var store = Store();
        Assert.Null(store.Current);
        Assert.Contains("no model manifest", store.Status.Problem, StringComparison.Ordinal);

        TinyModels.Write(_root, "v-late", makeCurrent: false);
        _clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("v-late", store.Current?.Manifest.Version);
        Assert.Null(store.Status.Problem);
    }

    [Fact]
    public void CurrentNamingAPathOutsideTheRoot_IsRefused()
    {
        TrainingRunMakeCurrent("../elsewhere");

        var store = Store();

        Assert.Null(store.Current);
        Assert.Contains("not a model version name", store.Status.Problem, StringComparison.Ordinal);
    }

    private void TrainingRunMakeCurrent(string version) => MlModels.Training.TrainingRun.MakeCurrent(_root, version);
}
