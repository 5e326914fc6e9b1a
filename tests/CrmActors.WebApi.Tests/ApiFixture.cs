using System.Net.Http.Headers;
using CrmActors.Ctl;
using CrmActors.Grains.Common;
using CrmActors.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// The real web API (its Program, auth, validation and error mapping) in front of an in-process test
/// cluster on in-memory providers; the API reaches the cluster as an external client, as in production.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "test-only-signing-key-0123456789abcdef";

    private ApiFactory? _factory;

    public TestCluster Cluster { get; private set; } = null!;

    public TokenMinter Minter { get; } = new(SigningKey);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        // The API connects over TCP like a production client; the test host defaults to in-memory pipes.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        _factory = new ApiFactory(Cluster.Options, Gateway());
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>A second web API on the same cluster with extra settings (and services replaced); the caller disposes it.</summary>
    public WebApplicationFactory<CrmActors.WebApi.Errors.GrainReads> CreateApi(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        return new ApiFactory(Cluster.Options, Gateway()).WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            if (services is not null)
            {
                b.ConfigureTestServices(services);
            }
        });
    }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous() => _factory!.CreateClient();

    /// <summary>A client carrying a token for a user of a tenant.</summary>
    public HttpClient As(string tenant, string user, string role)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Minter.Mint(tenant, user, role, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>A client that signs every request with an integration key (<see cref="SigningHandler"/>).</summary>
    public HttpClient Signed(string keyId, string secret) => _factory!.CreateDefaultClient(new SigningHandler(keyId, secret));

    /// <summary>A client whose signing the test controls (a stale timestamp, a wrong secret).</summary>
    public HttpClient Signed(SigningHandler handler) => _factory!.CreateDefaultClient(handler);

    private string Gateway() =>
        Cluster.Primary?.GatewayAddress?.Endpoint?.ToString() ?? throw new InvalidOperationException("The test silo reported no gateway address.");

    private sealed class ApiFactory(TestClusterOptions cluster, string gateway) : WebApplicationFactory<CrmActors.WebApi.Errors.GrainReads>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Orleans:ClusterId", cluster.ClusterId);
            builder.UseSetting("Orleans:ServiceId", cluster.ServiceId);
            builder.UseSetting("Orleans:Clustering:ProviderType", "Development");
            builder.UseSetting("Orleans:Clustering:Gateways:0", gateway);
            builder.UseSetting("Auth:SigningKey", SigningKey);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(CrmStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
