using CrmActors.Grains.Common;
using CrmActors.Grains.Intake;
using CrmActors.ServiceDefaults.Health;
using CrmActors.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;

namespace CrmActors.Silo.Hosting;

/// <summary>Wires an Orleans silo hosting every CrmActors grain. Providers come from the "Orleans" configuration section only.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The setting that turns on Kubernetes hosting (the pod's name, address, service and cluster ids).</summary>
    public const string KubernetesSetting = "Orleans:Kubernetes:Enabled";

    /// <summary>Adds the silo, its storage serializer and its readiness checks.</summary>
    public static WebApplicationBuilder AddCrmSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOrleans(silo => ConfigureSilo(silo, builder.Configuration));
        builder.AddCrmTelemetry("crmactors-silo");
        ServiceDefaults.Hosting.ShutdownWatchdog.AddTo(builder, TimeSpan.FromSeconds(60));
        builder.Services.AddCrmHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<NextActionModelHealthCheck>("next-action-model", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SchemaHealthCheck>("schema", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The silo settings that are code rather than configuration; shared with the in-process test
    /// clusters so they run the same silo as production.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        // Grain state is stored with Orleans' own version-tolerant binary serializer: compact, fast, and
        // safe to evolve through the [Id]s on every state class (docs/adr/0002-grain-state-serializer.md).
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(
            CrmStorage.Name,
            (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()));

        silo.Services.Configure<IntakeRoutingOptions>(configuration.GetSection(IntakeRoutingOptions.Section));
        silo.Services.Configure<Grains.Reps.RepOptions>(configuration.GetSection(Grains.Reps.RepOptions.Section));

        // On Kubernetes the silo is named after its pod and advertises the pod's address, and the silos watching the
        // cluster declare dead at once the silos whose pods are gone (ops/kubernetes/; clustering stays on the database).
        if (configuration.GetValue<bool>(KubernetesSetting))
        {
            silo.UseKubernetesHosting();
        }

        // Orleans' dashboard (served by the web API to role ops, docs/OPERATIONS.md) reads its figures from every silo.
        // Its live log stream stays off: logs name customers and leads.
        if (configuration.GetValue("Orleans:Dashboard:Enabled", false))
        {
            silo.AddDashboard(o => o.HideTrace = true);
        }

        // Grain calls carry the caller's trace, so a request is one trace from the web API through every grain it reaches.
        silo.AddActivityPropagation();

        // A database failure reaches the caller as itself (the web API answers 503), not as "no codec for MySqlException".
        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("MySqlConnector"));
        silo.Services.AddSingleton<Grains.Routing.LiveRoutingCache>();
        silo.Services.AddSingleton<Grains.FollowUp.FollowUpPolicyCache>();

        // The journal goes to the database the grain state is in; a silo without one keeps it in memory.
        if (configuration.GetConnectionString("crm") is { Length: > 0 } journalDatabase)
        {
            silo.Services.TryAddSingleton<IJournal>(new Storage.MySqlJournal(journalDatabase));
        }

        silo.Services.TryAddSingleton<IJournal, InMemoryJournal>();

        // Live statistics: leads offer their figures to this silo's feed, flushed to each tenant's stats grain.
        silo.Services.Configure<Grains.Stats.StatsOptions>(configuration.GetSection(Grains.Stats.StatsOptions.Section));
        silo.Services.TryAddSingleton<Grains.Stats.StatsFeed>();
        silo.Services.AddHostedService<Grains.Stats.StatsFeedService>();
        silo.AddIncomingGrainCallFilter<Grains.Stats.LeadFiguresCallFilter>();
        if (configuration.GetConnectionString("crm") is { Length: > 0 } statsDatabase)
        {
            silo.Services.TryAddSingleton<Grains.Stats.ILeadFigureStore>(new Storage.MySqlLeadFigureStore(statsDatabase));
        }

        silo.Services.TryAddSingleton<Grains.Stats.ILeadFigureStore, Grains.Stats.InMemoryLeadFigureStore>();

        // The next-action models: read from Models:Directory (default: the models shipped beside the silo).
        silo.Services.Configure<Grains.NextActions.ModelOptions>(configuration.GetSection(Grains.NextActions.ModelOptions.Section));
        silo.Services.TryAddSingleton<Grains.NextActions.ModelStore>();

        // Tenants' own models: stored in the database so every silo serves a tenant the same version.
        if (configuration.GetConnectionString("crm") is { Length: > 0 } modelDatabase)
        {
            silo.Services.TryAddSingleton<Grains.NextActions.ITenantModelRepository>(new Storage.MySqlTenantModelRepository(modelDatabase));
        }

        silo.Services.TryAddSingleton<Grains.NextActions.ITenantModelRepository, Grains.NextActions.InMemoryTenantModelRepository>();
        silo.Services.TryAddSingleton<Grains.NextActions.TenantModelCache>();
        silo.Services.TryAddSingleton<Grains.NextActions.NextActionMetrics>();

        // Webhooks: a short timeout (a slow receiver is a failed send, retried by the lead's outbox).
        silo.Services.AddHttpClient(Grains.Notifications.NotificationChannelGrain.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));

        // Failure detection is tunable for tests and small clusters; defaults otherwise.
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));

        // A customer's actor is busy at its capture and seldom after it. Kept for Orleans' default idle age, a peak hour
        // held every new customer in memory (357,000 activations and a 2.2 GB heap after 7 minutes of the long run), and
        // the silo's CPU per lead grew with the heap (docs/BENCHMARKS.md, issue 17). Customers go after a minute idle,
        // looked for every 15 s. A later capture, conversation or deadline, or the first read of one of its leads (whose
        // actor adopts the lead from the customer) reactivates one from its row: one row read instead of the memory.
        // Ops may override any of it under Orleans:GrainCollection.
        silo.Services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = CollectionQuantum;
            o.ClassSpecificCollectionAge[typeof(Grains.Customers.CustomerGrain).FullName!] = CustomerIdleAge;
        });
        silo.Services.Configure<GrainCollectionOptions>(configuration.GetSection("Orleans:GrainCollection"));

        // Orleans caches where every actor it ever addressed lives, up to a million entries: 343,000 of them (80 MB)
        // after 7 minutes of the long run, one per customer captured. The cache saves a directory lookup for an
        // actor called again soon, which the working set (the last minutes' customers, every lead and rep in use)
        // fits in. Ops may override it under Orleans:GrainDirectory.
        silo.Services.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        silo.Services.Configure<GrainDirectoryOptions>(configuration.GetSection("Orleans:GrainDirectory"));
    }

    /// <summary>How many actors' locations a silo caches (unless configured otherwise).</summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>How long a customer's actor stays in memory after its last call (unless configured otherwise).</summary>
    public static readonly TimeSpan CustomerIdleAge = TimeSpan.FromMinutes(1);

    /// <summary>How often idle actors are looked for (Orleans' default is a minute; unless configured otherwise).</summary>
    public static readonly TimeSpan CollectionQuantum = TimeSpan.FromSeconds(15);
}
