using CrmActors.Grains.Common;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests;

/// <summary>
/// One in-process cluster for the grain tests, on in-memory storage and reminders, with a fake clock that
/// drives both the grains' business time and the reminder service, so tests move time instead of sleeping.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The shared fake clock (static because the silo configurator is created by the test cluster).</summary>
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private const string InnerStorage = "crm-memory";

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(InnerStorage);
            siloBuilder.Services.AddKeyedSingleton<IGrainStorageSerializer>(
                InnerStorage, (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()));
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(CrmStorage.Name, (services, _) => new Common.FaultyStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, Clock);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Clock);
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());

            // As with the database's swept wake-ups; these tests wake customers by hand (CaptureHandoverTests).
            siloBuilder.Services.PostConfigure<Grains.Intake.IntakeRoutingOptions>(o => o.WakeLeadsFromStorage = true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
