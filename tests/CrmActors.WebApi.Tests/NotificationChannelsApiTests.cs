using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Configuring where routing's notifications go: admin only, validated field by field, secrets never shown.</summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationChannelsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    [Fact]
    public async Task Put_DingTalkWebhook_IsListedWithTheSecretWithheld()
    {
        (await Admin.PutAsJsonAsync("/api/v1/reps/ops-zhao", new { displayName = "Zhao (ops)" })).EnsureSuccessStatusCode();

        var put = await Admin.PutAsJsonAsync("/api/v1/notification-channels/dingTalk", new { format = "dingTalk", url = "https://oapi.dingtalk.com/robot/send?access_token=abc", secret = "SECxyz", alertRepId = "ops-zhao" });

        put.EnsureSuccessStatusCode();
        var list = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/notification-channels");
        Assert.Equal(["sms", "dingTalk", "weCom", "email"], list.EnumerateArray().Select(c => c.GetProperty("channel").GetString()));
        var dingTalk = list.EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "dingTalk");
        Assert.True(dingTalk.GetProperty("configured").GetBoolean());
        Assert.True(dingTalk.GetProperty("secretSet").GetBoolean());
        Assert.Equal("ops-zhao", dingTalk.GetProperty("alertRepId").GetString());
        Assert.DoesNotContain("SECxyz", list.GetRawText(), StringComparison.Ordinal);
        Assert.False(list.EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "sms").GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task Put_BadFields_Is400NamingEachAndChangesNothing()
    {
        await Problems.AssertFieldErrorsAsync(
            await Admin.PutAsJsonAsync("/api/v1/notification-channels/dingTalk", new { format = "carrier-pigeon", url = "ftp://example.com/x", alertRepId = "bad id!" }),
            "format", "url", "alertRepId");
        await Problems.AssertFieldErrorsAsync(
            await Admin.PutAsJsonAsync("/api/v1/notification-channels/fax", new { format = "json", url = "https://example.com/hook" }),
            "channel");
        await Problems.AssertFieldErrorsAsync(await Admin.PutAsJsonAsync("/api/v1/notification-channels/sms", new { }), "format", "url");
        var missingRep = await Problems.AssertProblemAsync(
            await Admin.PutAsJsonAsync("/api/v1/notification-channels/sms", new { format = "json", url = "https://example.com/hook", alertRepId = "nobody" }),
            HttpStatusCode.NotFound);
        Assert.Equal("alertRepId", missingRep.GetProperty("field").GetString());

        var list = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/notification-channels");
        Assert.All(list.EnumerateArray(), c => Assert.False(c.GetProperty("configured").GetBoolean()));
    }

    [Fact]
    public async Task Channels_ByAManager_Are403()
    {
        var manager = api.As(_tenant, "mgr-1", CrmRoles.Manager);

        await Problems.AssertProblemAsync(await manager.GetAsync("/api/v1/notification-channels"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await manager.PutAsJsonAsync("/api/v1/notification-channels/sms", new { format = "json", url = "https://example.com/hook" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await manager.PostAsync("/api/v1/notification-channels/sms/resume", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Resume_AHealthyChannel_ChangesNothing()
    {
        (await Admin.PutAsJsonAsync("/api/v1/notification-channels/weCom", new { format = "weCom", url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" })).EnsureSuccessStatusCode();

        var resumed = await Admin.PostAsync("/api/v1/notification-channels/weCom/resume", null);

        resumed.EnsureSuccessStatusCode();
        var body = await resumed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("paused").GetBoolean());
        Assert.Equal(0, body.GetProperty("consecutiveFailures").GetInt32());
    }
}
