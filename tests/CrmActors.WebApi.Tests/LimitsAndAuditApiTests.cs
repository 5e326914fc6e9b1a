using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Per-tenant rate limits, request size and depth limits, and the audit log of configuration changes and exports.</summary>
[Collection(ApiCollection.Name)]
public sealed class LimitsAndAuditApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    [Fact]
    public async Task RateLimit_ATenantOverItsRate_Gets429WithRetryAfter_AnotherTenantIsNotSlowed()
    {
        var noisy = "noisy" + Guid.NewGuid().ToString("N")[..6];
        await using var limited = api.CreateApi(new Dictionary<string, string>
        {
            [$"Limits:Tenants:{noisy}:PermitsPerSecond"] = "1",
            [$"Limits:Tenants:{noisy}:Burst"] = "3",
        });
        using var noisyClient = Client(limited.CreateClient(), noisy);
        using var quietClient = Client(limited.CreateClient(), _tenant);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await noisyClient.GetAsync(new Uri("/api/v1/activity-types", UriKind.Relative));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 3, 4);
        Assert.NotNull(refused);
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("rate limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await quietClient.GetAsync(new Uri("/api/v1/activity-types", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task RequestSize_ABodyOverTheLimit_Is413AndStoresNothing_DeepNestingIs400()
    {
        var huge = JsonSerializer.Serialize(new { name = "Huge", phone = "13900007777", channel = "website_form", note = new string('x', 300_000) });
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        var response = await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), content);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 262144", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/customers/P8613900007777", UriKind.Relative))).StatusCode);

        var deep = new StringBuilder("{\"name\":\"Deep\",\"phone\":\"13900007778\",\"channel\":\"website_form\",\"x\":");
        deep.Append(string.Concat(Enumerable.Repeat("[", 200))).Append(string.Concat(Enumerable.Repeat("]", 200))).Append('}');
        using var nested = new StringContent(deep.ToString(), Encoding.UTF8, "application/json");
        var deepResponse = await Admin.PostAsync(new Uri("/api/v1/leads", UriKind.Relative), nested);
        var deepProblem = await Problems.AssertProblemAsync(deepResponse, HttpStatusCode.BadRequest);
        Assert.Contains("depth", deepProblem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri("/api/v1/customers/P8613900007778", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Audit_ConfigChangesAndExportsAreRecorded_WithSecretsWithheld_RefusedOnesAndPlainReadsAreNot()
    {
        (await Admin.PutAsJsonAsync("/api/v1/reps/ops-zhao", new { displayName = "Zhao" })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { escalation = new[] { new { afterDays = 3, action = "remindRep" } } })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/notification-channels/dingTalk", new { format = "dingTalk", url = "https://oapi.dingtalk.com/robot/send?access_token=abc", secret = "SECxyz-do-not-log", alertRepId = "ops-zhao" })).EnsureSuccessStatusCode();
        var manager = api.As(_tenant, "mgr-1", CrmRoles.Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync("/api/v1/follow-up/policy", new { })).StatusCode);
        (await manager.GetAsync(new Uri("/api/v1/stats/reps", UriKind.Relative))).EnsureSuccessStatusCode();
        (await manager.GetAsync(new Uri("/api/v1/stats/reps?format=csv", UriKind.Relative))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PutAsJsonAsync("/api/v1/follow-up/policy", new { escalation = new[] { new { afterDays = -1, action = "remindRep" } } })).StatusCode);

        var entries = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        var text = entries.GetRawText();
        Assert.Equal(4, entries.GetArrayLength());
        Assert.Equal("PUT /api/v1/reps/ops-zhao", entries[3].GetProperty("operation").GetString());
        var export = entries[0];
        Assert.Equal("export", export.GetProperty("action").GetString());
        Assert.Equal("mgr-1", export.GetProperty("userId").GetString());
        Assert.Equal("GET /api/v1/stats/reps?format=csv", export.GetProperty("operation").GetString());
        var webhook = entries[1];
        Assert.Equal("config", webhook.GetProperty("action").GetString());
        Assert.Contains("(withheld)", webhook.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECxyz-do-not-log", text, StringComparison.Ordinal);
        var policy = entries[2];
        Assert.Equal("PUT /api/v1/follow-up/policy", policy.GetProperty("operation").GetString());
        Assert.Equal("admin-1", policy.GetProperty("userId").GetString());
        Assert.Equal(200, policy.GetProperty("status").GetInt32());
        Assert.Contains("\"afterDays\":3", policy.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Problems.AssertFieldErrorsAsync(await Admin.GetAsync(new Uri("/api/v1/audit?limit=0", UriKind.Relative)), "limit");
        Assert.Single((await Admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=1")).EnumerateArray());
    }

    private HttpClient Client(HttpClient client, string tenant)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Minter.Mint(tenant, "admin-1", CrmRoles.Admin, TimeSpan.FromHours(1)));
        return client;
    }
}
