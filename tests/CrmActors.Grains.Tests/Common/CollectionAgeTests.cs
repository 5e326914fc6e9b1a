using CrmActors.Grains.Customers;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CrmActors.Grains.Tests.Common;

/// <summary>
/// How long idle actors stay in memory: customers leave after <see cref="SiloHostingExtensions.CustomerIdleAge"/> idle (a
/// peak hour of new customers kept for Orleans' default age grew the silo's heap and its CPU per lead with every lead,
/// docs/BENCHMARKS.md), the rest keep Orleans' default, and ops can change either in configuration.
/// </summary>
public sealed class CollectionAgeTests
{
    private static readonly string Customer = typeof(CustomerGrain).FullName!;

    [Fact]
    public void Defaults_CustomersLeaveAfterAMinute_LookedForEvery15Seconds_OtherActorsKeepOrleansDefault()
    {
        var options = Options(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromMinutes(1), options.ClassSpecificCollectionAge[Customer]);
        Assert.Equal(TimeSpan.FromSeconds(15), options.CollectionQuantum);
        Assert.Single(options.ClassSpecificCollectionAge);
        Assert.Equal(new GrainCollectionOptions().CollectionAge, options.CollectionAge);
        Assert.True(options.CollectionAge > SiloHostingExtensions.CustomerIdleAge, "Orleans' default keeps idle actors longer than customers");
    }

    [Fact]
    public void Configuration_OverridesTheCustomersAgeAndTheDefault()
    {
        var options = Options(new Dictionary<string, string?>
        {
            [$"Orleans:GrainCollection:ClassSpecificCollectionAge:{Customer}"] = "00:10:00",
            ["Orleans:GrainCollection:CollectionAge"] = "00:30:00",
            ["Orleans:GrainCollection:CollectionQuantum"] = "00:01:00",
        });

        Assert.Equal(TimeSpan.FromMinutes(10), options.ClassSpecificCollectionAge[Customer]);
        Assert.Equal(TimeSpan.FromMinutes(1), options.CollectionQuantum);
        Assert.Equal(TimeSpan.FromMinutes(30), options.CollectionAge);
    }

    private static GrainCollectionOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => SiloHostingExtensions.ConfigureSilo(silo, configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
    }
}
