using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.Routing;

/// <summary>
/// Read-your-writes for routing across silos: leads spread over two silos, and every decision that starts after a
/// publish, a rollback or a rep's change was acknowledged uses it, whichever silo the lead lives on.
/// </summary>
public sealed class TwoSiloRoutingTests(TwoSiloRoutingTests.TwoSilos cluster) : IClassFixture<TwoSiloRoutingTests.TwoSilos>
{
    private const int LeadsPerStep = 12;
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private int _lead;

    private IGrainFactory Grains => cluster.Cluster.GrainFactory;

    private IRoutingRulesGrain Rules => Grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(_tenant, IRoutingRulesGrain.Id));

    [Fact]
    public async Task Route_LeadsOnBothSilos_UseEveryChangeAcknowledgedBeforeThem()
    {
        await Rep("rep-east").SaveProfileAsync(new RepProfile("East", null, null, 1000, true, ["east", "all"]));
        await Rep("rep-west").SaveProfileAsync(new RepProfile("West", null, null, 1000, true, ["west", "all"]));
        await PublishAsync("east");
        var v1 = await RouteAsync();

        await PublishAsync("west");
        var v2 = await RouteAsync();

        await Rules.RollbackAsync(1, "admin-1");
        var back = await RouteAsync();

        await PublishAsync("all");
        await Rep("rep-east").SaveProfileAsync(new RepProfile("East", null, null, 1000, true, ["east", "all"], null,
            new RepSchedule("Asia/Shanghai", new TimeOnly(0, 0), new TimeOnly(23, 59), [.. Enum.GetValues<DayOfWeek>()], DateTimeOffset.UtcNow.AddDays(1))));
        var onLeave = await RouteAsync();

        Assert.True(v1.Concat(v2).Concat(back).Concat(onLeave).Select(r => r.Silo).Distinct().Count() == 2, "the leads should live on both silos");
        Assert.All(v1, r => Assert.Equal((1, "rep-east"), (r.Version, r.Owner)));
        Assert.All(v2, r => Assert.Equal((2, "rep-west"), (r.Version, r.Owner)));
        Assert.All(back, r => Assert.Equal((1, "rep-east"), (r.Version, r.Owner)));
        Assert.All(onLeave, r => Assert.Equal((3, "rep-west"), (r.Version, r.Owner)));
    }

    private IRepGrain Rep(string id) => Grains.GetGrain<IRepGrain>(GrainKeys.For(_tenant, id));

    private async Task PublishAsync(string group)
    {
        Assert.Empty((await Rules.SaveDraftAsync(JsonSerializer.Serialize(new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = group } } }), "admin-1")).Errors);
        Assert.Empty((await Rules.PublishAsync("admin-1")).Errors);
    }

    private async Task<(int Version, string? Owner, string Silo)[]> RouteAsync()
    {
        var routed = new List<(int, string?, string)>();
        for (var i = 0; i < LeadsPerStep; i++)
        {
            var id = $"lead-{Interlocked.Increment(ref _lead)}";
            var lead = Grains.GetGrain<ILeadGrain>(GrainKeys.For(_tenant, id));
            await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", null, null, null, null, "test"));
            var snapshot = await lead.RouteAsync("test");
            routed.Add((snapshot.Routing!.RuleSetVersion, snapshot.OwnerRepId, await cluster.SiloOfAsync(lead)));
        }

        return [.. routed];
    }

    /// <summary>Two silos on in-memory storage and reminders, sharing one cluster.</summary>
    public sealed class TwoSilos : IAsyncLifetime
    {
        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var builder = new TestClusterBuilder(2);
            builder.AddSiloBuilderConfigurator<Configurator>();
            Cluster = builder.Build();
            await Cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        /// <summary>The silo the grain is active on.</summary>
        public async Task<string> SiloOfAsync(IGrain grain)
        {
            var management = Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
            var silo = await management.GetActivationAddress(grain);
            return silo?.ToString() ?? "unknown";
        }

        private sealed class Configurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder siloBuilder)
            {
                siloBuilder.AddMemoryGrainStorage(CrmStorage.Name);
                siloBuilder.UseInMemoryReminderService();
                siloBuilder.Services.AddKeyedSingleton(CrmClock.Key, TimeProvider.System);
                SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());

                // Leads spread at random, so the test's leads live on both silos. The default (resource-optimized)
                // placement prefers the silo the call arrives at when the two look alike, and put every lead of a run on
                // the gateway's silo about one run in three.
                siloBuilder.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();
            }
        }
    }
}
