using System.Text.Json;
using CrmActors.Database;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.Silo.Hosting;
using CrmActors.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Orleans.TestingHost;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>
/// A lead's notification outbox on MariaDB: a failed send leaves the lead's row with a wake-up time, and the
/// silo's sweeper (not the test) brings the lead back for the next attempt once that time has passed.
/// </summary>
public sealed class WakeUpSweepTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ThrowawayDatabase _db = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("wake");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = "crm-wake";
        builder.Properties["ConnectionStrings:crm"] = _db.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task FailedNotification_TheSweeperWakesTheLeadForTheNextAttemptWhenDue()
    {
        var grains = _cluster.GrainFactory;
        await grains.GetGrain<IRepGrain>("t1/rep-li").SaveProfileAsync(new RepProfile("Li", null, null, 10, true, ["sales"]));
        // Nothing listens on port 9 (discard) here: every send fails at once.
        await grains.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey("t1", "weCom"))
            .ConfigureAsync(new NotificationChannelConfig(WebhookFormat.WeCom, new Uri("http://127.0.0.1:9/hook"), null, null, "admin"));
        var rules = grains.GetGrain<IRoutingRulesGrain>("t1/" + IRoutingRulesGrain.Id);
        var ruleSet = new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" }, notify = new[] { "weCom" } } };
        Assert.Empty((await rules.SaveDraftAsync(JsonSerializer.Serialize(ruleSet), "admin")).Errors);
        Assert.Empty((await rules.PublishAsync("admin")).Errors);
        var lead = grains.GetGrain<ILeadGrain>("t1/L1");
        await lead.CreateAsync(new NewLead("Ms. Huang", "+8613912345678", "douyin_dm", null, null, null, null, "rep-li"));
        await lead.RouteAsync("test");

        // The assignment wrote the notification due at once; the first attempt failed: the row asks to be woken 30 s later.
        var first = await UntilAsync(() => WakeAtAsync(), w => w > Clock.GetUtcNow().UtcDateTime, "the wake-up after the first failure");
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddSeconds(30), first!.Value, TimeSpan.FromSeconds(1));

        // Time passes; the sweeper finds the row due, wakes the lead, the second attempt fails and moves it 60 s on.
        Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await UntilAsync(() => WakeAtAsync(), w => w > first, "the sweeper's wake-up and the second attempt", flow: true);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddSeconds(60), second!.Value, TimeSpan.FromSeconds(5));
    }

    private async Task<DateTime?> WakeAtAsync()
    {
        await using var connection = new MySqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT wake_at FROM crm_grain_state WHERE state_name = 'lead' AND grain_id LIKE '%t1/L1'", connection);
        return await command.ExecuteScalarAsync() is DateTime at ? at : null;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, bool flow = false)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; last value {value}");
            }

            // The sweeper waits on the fake clock between sweeps; let its time pass in small steps.
            if (flow)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(200));
            }

            await Task.Delay(50);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["crm:ConnectionName"] = "crm", ["crm:WakeUpSweepEvery"] = "00:00:01" })
                .Build()
                .GetSection("crm");
            new GroupCommitStorageBuilder().Configure(siloBuilder, CrmStorage.Name, settings);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, Clock);
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());
        }
    }
}
