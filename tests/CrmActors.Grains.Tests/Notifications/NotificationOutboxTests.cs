using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Notifications;

namespace CrmActors.Grains.Tests.Notifications;

/// <summary>
/// Routing's notifications through a real HTTP webhook on loopback: signed as the receiver expects, kept in the
/// lead's outbox until delivered, retried with backoff as time moves, and a channel that keeps failing pauses
/// itself, alerts its admin, and resumes when told.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NotificationOutboxTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string Secret = "SEC-test-secret";
    private readonly TestData _data = new(fixture.Grains);
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private INotificationChannelGrain DingTalk => fixture.Grains.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey(_data.Tenant, "dingTalk"));

    private async Task<ILeadGrain> RoutedLeadAsync()
    {
        await _data.TeamAsync();
        await _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, true, ["sales"]));
        await DingTalk.ConfigureAsync(new NotificationChannelConfig(WebhookFormat.DingTalk, _receiver.Url, Secret, "sup-wang", "admin-1"));
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        var saved = await rules.SaveDraftAsync("""{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"},"notify":["inApp","dingTalk"]}}""", "admin-1");
        Assert.Empty(saved.Errors);
        Assert.Empty((await rules.PublishAsync("admin-1")).Errors);
        var lead = await _data.NewLeadAsync();
        Assert.Equal("rep-li", (await lead.RouteAsync("test")).OwnerRepId);
        return lead;
    }

    private static async Task<LeadSnapshot> HistoryHasAsync(ILeadGrain lead, string type) =>
        await Eventually.MatchAsync(async () => (await lead.GetAsync())!, l => l.History.Any(e => e.Type == type), $"a '{type}' entry");

    [Fact]
    public async Task Routed_RuleNotifiesDingTalk_TheRobotGetsASignedTextMessageOnce()
    {
        var lead = await RoutedLeadAsync();

        var read = await HistoryHasAsync(lead, "notified");

        var received = Assert.Single(_receiver.Requests);
        var query = HttpUtility.ParseQueryString(received.Url.Query);
        var timestamp = query["timestamp"]!;
        var expectedSign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}\n{Secret}")));
        Assert.Equal(expectedSign, query["sign"]);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("text", body.GetProperty("msgtype").GetString());
        Assert.Contains("Dr. Liu", body.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{received.Headers[WebhookRequest.TimestampHeader]}.{received.Body}")));
        Assert.Equal("sha256=" + signature, received.Headers[WebhookRequest.SignatureHeader]);
        Assert.Contains(read.History, e => e.Type == "notified" && e.Detail == "lead-assigned via dingTalk");

        // Delivered means gone from the outbox: waking the lead again sends nothing.
        await lead.WakeUpAsync();
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task Routed_RobotKeepsFailing_RetriedWithBackoffThenThePausedChannelAlertsItsAdminAndResumes()
    {
        _receiver.Status = HttpStatusCode.InternalServerError;
        var lead = await RoutedLeadAsync();
        await Eventually.MatchAsync(() => Task.FromResult(_receiver.Requests.Count), n => n == 1, "the first attempt");

        // Not due yet: nothing is sent. Then each backoff step (30 s, 60 s) brings one more attempt.
        await lead.WakeUpAsync();
        Assert.Single(_receiver.Requests);
        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(31));
        await lead.WakeUpAsync();
        ClusterFixture.Clock.Advance(TimeSpan.FromSeconds(61));
        await lead.WakeUpAsync();

        Assert.Equal(3, _receiver.Requests.Count);
        var channel = await DingTalk.GetAsync();
        Assert.True(channel.Paused);
        Assert.Equal("HTTP 500", channel.LastError);
        var alert = Assert.Single(await _data.Rep("sup-wang").GetInboxAsync(), i => i.Kind == "notification-channel-paused");
        Assert.Contains("dingTalk", alert.Title, StringComparison.Ordinal);

        // Paused: the outbox keeps the notification and sends nothing.
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await lead.WakeUpAsync();
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.DoesNotContain((await lead.GetAsync())!.History, e => e.Type is "notified" or "notification-dropped");

        _receiver.Status = HttpStatusCode.OK;
        Assert.False((await DingTalk.ResumeAsync("admin-1")).Paused);
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(6));
        await lead.WakeUpAsync();

        Assert.Equal(4, _receiver.Requests.Count);
        Assert.Contains((await lead.GetAsync())!.History, e => e.Type == "notified" && e.Detail == "lead-assigned via dingTalk (attempt 4)");
        Assert.Equal(0, (await DingTalk.GetAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task Routed_ChannelNotConfigured_IsRecordedOnTheLeadAndNothingIsSent()
    {
        await _data.TeamAsync();
        await _data.Rep("rep-li").SaveProfileAsync(new RepProfile("Li", null, "sup-wang", 10, true, ["sales"]));
        var rules = fixture.Grains.GetGrain<IRoutingRulesGrain>(_data.Key(IRoutingRulesGrain.Id));
        await rules.SaveDraftAsync("""{"rules":[],"fallback":{"target":{"kind":"group","id":"sales"},"notify":["sms"]}}""", "admin-1");
        await rules.PublishAsync("admin-1");
        var lead = await _data.NewLeadAsync();
        await lead.RouteAsync("test");

        var read = await HistoryHasAsync(lead, "not-notified");

        Assert.Contains("sms", read.History.Single(e => e.Type == "not-notified").Detail, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public void NotificationChannels_AreTheRoutingVocabulary()
    {
        Assert.Equal(
            Enum.GetValues<CrmActors.Routing.NotifyChannel>().Select(CrmActors.Routing.RoutingJson.Name),
            NotificationChannels.Webhooks.Prepend(NotificationChannels.InApp));
    }

    [Fact]
    public void Backoff_DoublesFrom30SecondsToAnHourAtMost()
    {
        Assert.Equal(
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
            Enumerable.Range(1, 9).Select(n => NotificationBackoff.After(n).TotalSeconds));
    }

    [Theory]
    [InlineData(WebhookFormat.Slack, "text")]
    [InlineData(WebhookFormat.WeCom, "msgtype")]
    [InlineData(WebhookFormat.Json, "event")]
    public void Request_OtherFormats_HaveTheirBodyAndOurSignatureButNoDingTalkQuery(WebhookFormat format, string property)
    {
        var config = new NotificationChannelConfig(format, new Uri("https://hooks.example/x?key=1"), Secret, null, "admin");
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

        var request = WebhookRequest.For(config, new OutboundNotification("n1", "lead-assigned", "New lead", "L1", "rep-li", now), now);

        Assert.Equal("https://hooks.example/x?key=1", request.Url.ToString());
        Assert.True(JsonDocument.Parse(request.Body).RootElement.TryGetProperty(property, out _));
        Assert.Equal("1795420800000", request.Headers[WebhookRequest.TimestampHeader]);
        Assert.StartsWith("sha256=", request.Headers[WebhookRequest.SignatureHeader], StringComparison.Ordinal);
        var unsigned = WebhookRequest.For(config with { Secret = null }, new OutboundNotification("n1", "e", "t", null, null, now), now);
        Assert.False(unsigned.Headers.ContainsKey(WebhookRequest.SignatureHeader));
    }

    [Fact]
    public async Task EscalationFlag_TenantAlertsOnDingTalk_TheRobotGetsTheRedAlertOnce()
    {
        await _data.TeamAsync();
        await DingTalk.ConfigureAsync(new NotificationChannelConfig(WebhookFormat.DingTalk, _receiver.Url, Secret, "sup-wang", "admin-1"));
        var policy = fixture.Grains.GetGrain<GrainInterfaces.FollowUp.IFollowUpPolicyGrain>(_data.Key(GrainInterfaces.FollowUp.IFollowUpPolicyGrain.Id));
        Assert.Empty((await policy.SaveAsync("""{ "escalation": [ { "afterDays": 2, "action": "flag" } ], "alertChannels": ["dingTalk"] }""", "admin-1")).Errors);
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        await lead.RecordTouchAsync(new LeadTouch("call", "hello", "rep-li"));

        ClusterFixture.Clock.Advance(TimeSpan.FromDays(2));
        var read = await Eventually.MatchAsync(async () => (await lead.GetAsync())!, l => l.History.Any(e => e.Type == "notified"), "the alert to be sent", ClusterFixture.Clock);

        var received = Assert.Single(_receiver.Requests);
        var text = JsonDocument.Parse(received.Body).RootElement.GetProperty("text").GetProperty("content").GetString();
        Assert.StartsWith("Red: Dr. Liu (website_form) owned by rep-li: no activity for 2 days", text, StringComparison.Ordinal);
        Assert.Contains(read.History, e => e.Type == "notified" && e.Detail == "escalation-flag via dingTalk");
        await lead.WakeUpAsync();
        Assert.Single(_receiver.Requests);
    }
}
