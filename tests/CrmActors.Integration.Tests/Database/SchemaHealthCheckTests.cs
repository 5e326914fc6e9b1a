using CrmActors.Database;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmActors.Integration.Tests.Database;

/// <summary>The silo's schema check: healthy on a database with every migration of this build, degraded naming what is missing.</summary>
public sealed class SchemaHealthCheckTests
{
    private static SchemaHealthCheck CheckOf(string? connectionString) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(connectionString is null ? [] : [new("ConnectionStrings:crm", connectionString)])
        .Build());

    [Fact]
    public async Task Check_EveryMigrationApplied_IsHealthy_TheLastTwoMissing_IsDegradedNamingThem()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("shc");
        await new SchemaMigrator(db.ConnectionString).MigrateAsync(CancellationToken.None);
        var check = CheckOf(db.ConnectionString);

        var current = await check.CheckHealthAsync(new HealthCheckContext());
        string[] lastTwo = [SchemaMigrator.All[^2].Version, SchemaMigrator.All[^1].Version];
        await db.ExecuteAsync($"DELETE FROM crm_schema_version WHERE version IN ('{lastTwo[0]}', '{lastTwo[1]}')");
        var behind = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, current.Status);
        Assert.Equal(HealthStatus.Degraded, behind.Status);
        Assert.Contains($"{lastTwo[0]}, {lastTwo[1]}", behind.Description, StringComparison.Ordinal);
        Assert.Contains("crmctl db migrate", behind.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NeverMigrated_NamesEveryMigration_AndNoDatabaseConfigured_IsHealthy()
    {
        await using var db = await TestDatabase.CreateThrowawayDatabaseAsync("shc");

        var empty = await CheckOf(db.ConnectionString).CheckHealthAsync(new HealthCheckContext());
        var inMemory = await CheckOf(null).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, empty.Status);
        Assert.Contains(string.Join(", ", SchemaMigrator.All.Select(m => m.Version)), empty.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, inMemory.Status);
    }
}
