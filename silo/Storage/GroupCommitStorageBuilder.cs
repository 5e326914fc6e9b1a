using CrmActors.Silo.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

[assembly: RegisterProvider("GroupCommit", "GrainStorage", "Silo", typeof(GroupCommitStorageBuilder))]

namespace CrmActors.Silo.Storage;

/// <summary>Lets configuration choose the group-commit storage: Orleans:GrainStorage:{name}:ProviderType = GroupCommit.</summary>
public sealed class GroupCommitStorageBuilder : IProviderBuilder<ISiloBuilder>
{
    /// <inheritdoc />
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurationSection);
        var options = configurationSection.Get<GroupCommitOptions>() ?? new GroupCommitOptions();
        builder.Services.AddGrainStorage(name ?? "Default", (services, storageName) => new GroupCommitGrainStorage(
            storageName,
            options,
            services.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>(),
            services.GetKeyedService<IGrainStorageSerializer>(storageName) ?? services.GetRequiredService<IGrainStorageSerializer>(),
            services.GetRequiredService<IConfiguration>(),
            services.GetRequiredService<ILogger<GroupCommitGrainStorage>>()));

        // The wake-up sweeper reads the same table (one per silo, whichever provider registers it first).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, WakeUpSweeper>(services => new WakeUpSweeper(
            new StateTable(options.ResolveConnectionString(services.GetRequiredService<IConfiguration>(), name ?? "Default")),
            options,
            services.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredKeyedService<TimeProvider>(Grains.Common.CrmClock.Key),
            services.GetRequiredService<ILogger<WakeUpSweeper>>())));

        // Swept wake-ups: a lead routed at capture can wait for its customer's wake-up (no lead actor, no reminder per lead).
        builder.Services.PostConfigure<Grains.Intake.IntakeRoutingOptions>(o => o.WakeLeadsFromStorage = true);

        // After a silo dies, the leads it wrote last resend their statistics figures (docs/adr/0006).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, FiguresReconciler>(services => new FiguresReconciler(
            new StateTable(options.ResolveConnectionString(services.GetRequiredService<IConfiguration>(), name ?? "Default")),
            services.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>(),
            services.GetRequiredService<IClusterMembershipService>(),
            services.GetRequiredService<ILocalSiloDetails>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<ILogger<FiguresReconciler>>())));
    }
}
