using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrmActors.Ctl;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture api)
{
    [Theory]
    [InlineData("/api/v1/leads/L1")]
    [InlineData("/api/v1/reps")]
    [InlineData("/api/v1/customers/C1")]
    [InlineData("/api/v1/tickets/T1")]
    public async Task Get_WithoutToken_Is401Problem(string path)
    {
        var response = await api.Anonymous().GetAsync(new Uri(path, UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_WithoutToken_Is401AndCreatesNothing()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/api/v1/leads", new { name = "x", phone = "13800138000", channel = "web" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_TokenSignedWithAnotherKey_Is401()
    {
        var client = api.Anonymous();
        var forged = new TokenMinter("another-key-that-is-long-enough-000000").Mint("acme", "u1", CrmRoles.Admin, TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var response = await client.GetAsync(new Uri("/api/v1/reps", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_ExpiredToken_Is401()
    {
        var client = api.Anonymous();
        var expired = api.Minter.Mint("acme", "u1", CrmRoles.Admin, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);

        var response = await client.GetAsync(new Uri("/api/v1/reps", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_GarbageToken_Is401()
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");

        var response = await client.GetAsync(new Uri("/api/v1/reps", UriKind.Relative));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutToken_Is200(string path)
    {
        var response = await api.Anonymous().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheVersionedEndpoints()
    {
        var document = await api.Anonymous().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/v1/leads", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/reps/{id}/inbox", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutRep_AsRep_Is403Problem()
    {
        var response = await api.As("acme", "rep-1", CrmRoles.Rep).PutAsJsonAsync("/api/v1/reps/rep-2", new { displayName = "Sneaky" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        var check = await api.As("acme", "admin", CrmRoles.Admin).GetAsync(new Uri("/api/v1/reps/rep-2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task PostLead_AsService_Is403Problem()
    {
        var response = await api.As("acme", "svc-1", CrmRoles.Service).PostAsJsonAsync("/api/v1/leads", new { name = "x", phone = "13800138000", channel = "web" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
