using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// A grain call failing the way a failover makes it fail, whatever exception type carries it, reaches the client as
/// 503 with Retry-After and problem details; reads retry the same family; defects stay 500 and refusals keep their status.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClusterFailureApiTests(ApiFixture api) : IAsyncLifetime
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly FaultyGrains _faults = FaultyGrains.For<ICustomerGrain>();
    private WebApplicationFactory<CrmActors.WebApi.Errors.GrainReads> _faulty = null!;

    public Task InitializeAsync()
    {
        _faulty = api.CreateApi(
            new Dictionary<string, string>(),
            services => services.AddSingleton(sp => _faults.Wrap(() => sp.GetRequiredService<IClusterClient>())));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _faulty.DisposeAsync();

    [Theory]
    [InlineData("silo unavailable")]
    [InlineData("codec not found for a Polly timeout")]
    [InlineData("polly timeout rejected")]
    [InlineData("placement failure (plain OrleansException)")]
    [InlineData("timeout subclass")]
    [InlineData("task canceled")]
    [InlineData("aggregate inside an inner exception")]
    [InlineData("db exception")]
    public async Task GrainCall_FailsLikeAFailover_Is503WithRetryAfterAndStoresNothing(string failure)
    {
        using var client = Client();
        _faults.FailNext(OrleansFailuresTests.Build(failure));

        var response = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Failover Ltd", phone = "13900001111" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("briefly unavailable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _faults.Calls);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/v1/customers/P8613900001111", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task GrainCall_DefectInTheGrain_Is500WithoutRetryAfterAndRevealsNothing()
    {
        using var client = Client();
        _faults.FailNext(new ArgumentException("CrmActors.Internal secret detail"));

        var response = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Defect Ltd" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain("secret", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainCall_BusinessRefusalWrappedInAnAggregate_KeepsItsStatusAndField()
    {
        using var client = Client();
        _faults.FailNext(new AggregateException(new TimeoutException(), new CrmException(CrmErrorCode.Conflict, "Already taken.", "name")));

        var response = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Refused Ltd" });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("name", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Read_TransientFailuresOfAnyFamily_AreRetriedUntilTheGrainAnswers()
    {
        using var client = Client();
        var created = await (await api.As(_tenant, "mgr-1", CrmRoles.Manager).PostAsJsonAsync("/api/v1/customers", new { name = "Retry Ltd" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        _faults.FailNext(
            OrleansFailuresTests.Build("codec not found for a Polly timeout"),
            OrleansFailuresTests.Build("polly broken circuit"),
            OrleansFailuresTests.Build("db exception inside an Orleans exception"));

        var response = await client.GetAsync(new Uri($"/api/v1/customers/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Retry Ltd", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(4, _faults.Calls);
    }

    [Fact]
    public async Task Read_Defect_IsNotRetried()
    {
        using var client = Client();
        _faults.FailNext(new InvalidOperationException("a defect"));

        var response = await client.GetAsync(new Uri("/api/v1/customers/C-defect", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(1, _faults.Calls);
    }

    private HttpClient Client()
    {
        var client = _faulty.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Minter.Mint(_tenant, "mgr-1", CrmRoles.Manager, TimeSpan.FromHours(1)));
        return client;
    }
}
