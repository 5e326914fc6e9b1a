using CrmActors.Database;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.Silo.Hosting;
using CrmActors.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>The real grains on the group-commit storage and MariaDB, across a whole-cluster restart.</summary>
public sealed class GroupCommitClusterTests : IAsyncLifetime
{
    private ThrowawayDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("gcc");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Leads_CreatedConcurrently_AreAllReadableAfterTheClusterRestarts()
    {
        var ids = Enumerable.Range(0, 400).Select(i => $"t1/L{i:D5}x").ToArray();
        var cluster = await StartAsync();
        try
        {
            await Task.WhenAll(ids.Select(id => cluster.GrainFactory.GetGrain<ILeadGrain>(id)
                .CreateAsync(new NewLead($"Lead {id}", "+8613912345678", "website_form", null, null, null, null, "rep-1"))));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // Every acknowledged create is a row before anything is read back.
        Assert.Equal(400L, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_grain_state WHERE grain_id LIKE 'lead/%'"));

        var restarted = await StartAsync();
        try
        {
            var leads = await Task.WhenAll(ids.Select(id => restarted.GrainFactory.GetGrain<ILeadGrain>(id).GetAsync()));
            Assert.All(leads, l => Assert.NotNull(l));
            Assert.Equal($"Lead {ids[123]}", leads[123]!.Captured.Name);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }

    private async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        // Stored state belongs to a service; a restarted deployment of the same service reads it back.
        builder.Options.ServiceId = "crm-gcc";
        builder.Properties["ConnectionStrings:crm"] = _db.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var settings = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["crm:ConnectionName"] = "crm" })
                .Build()
                .GetSection("crm");
            new GroupCommitStorageBuilder().Configure(siloBuilder, CrmStorage.Name, settings);
            siloBuilder.UseInMemoryReminderService();
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());
        }
    }
}
