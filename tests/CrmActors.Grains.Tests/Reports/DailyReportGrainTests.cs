using System.Text.Json;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Stats;
using CrmActors.Grains.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.Reports;

/// <summary>
/// The tenant's daily report on the shared fake clock: the reminder fires at the configured local time of the
/// tenant's calendar, makes the day once, pushes each recipient's part to a real webhook on loopback, skips
/// holidays, and a metric in alarm two report days in a row alerts the responsible manager.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DailyReportGrainTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string AllDays = """{ "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"], "thu": ["09:00-18:00"], "fri": ["09:00-18:00"], "sat": ["09:00-18:00"], "sun": ["09:00-18:00"] }""";
    private static readonly ReportRecipient[] Recipients =
        [new("rep-li", ReportScope.Rep), new("sup-wang", ReportScope.Team), new("mgr-zhao", ReportScope.Tenant)];

    private readonly TestData _data = new(fixture.Grains);
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private IDailyReportGrain Report => fixture.Grains.GetGrain<IDailyReportGrain>(_data.Key(IDailyReportGrain.Id));

    private IServiceProvider Silo => Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services;

    private static TimeZoneInfo Shanghai => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A team, a weCom robot, rep-li's lead with a call logged without evidence (evidence rate 0%: alarm), fed to the statistics.</summary>
    private async Task ArrangeAsync(string? holidays = null)
    {
        await _data.TeamAsync();
        await _data.Rep("mgr-zhao").SaveProfileAsync(new RepProfile("Zhao", null, null, 10, true));
        var policy = fixture.Grains.GetGrain<IFollowUpPolicyGrain>(_data.Key(IFollowUpPolicyGrain.Id));
        var saved = await policy.SaveAsync($$"""{ "calendar": { "timeZone": "Asia/Shanghai", "hours": {{AllDays}}, "holidays": [{{holidays}}] } }""", "admin-1");
        Assert.Empty(saved.Errors);
        await fixture.Grains.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey(_data.Tenant, "weCom"))
            .ConfigureAsync(new NotificationChannelConfig(WebhookFormat.WeCom, _receiver.Url, null, null, "admin-1"));
        var lead = await _data.NewLeadAsync();
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        await lead.LogActivityAsync(new NewActivity("call", new Dictionary<string, string?> { ["outcome"] = "interested" }, null, null, null, null, null, null, "rep-li"));
        await Silo.GetRequiredService<StatsFeed>().FlushAsync();
    }

    /// <summary>A report time ten minutes (rounded down to the minute) after now, in Shanghai, and the instant it falls on today.</summary>
    private static (TimeOnly At, DateOnly Day, DateTimeOffset Instant) TenMinutesFromNow()
    {
        var local = TimeZoneInfo.ConvertTime(ClusterFixture.Clock.GetUtcNow().AddMinutes(10), Shanghai);
        var at = new TimeOnly(local.Hour, local.Minute);
        var day = DateOnly.FromDateTime(local.DateTime);
        return (at, day, new DateTimeOffset(day.ToDateTime(at), TimeSpan.FromHours(8)));
    }

    private Task<DailyReportSettings> ConfigureAsync(TimeOnly at, bool everyDay) =>
        Report.ConfigureAsync(new DailyReportConfig(at, everyDay, "weCom", Recipients, true, "admin-1"));

    private async Task<IReadOnlyList<DateOnly>> DaysAsync(int count) =>
        await Eventually.MatchAsync(() => Report.GetDaysAsync(), d => d.Count >= count, $"{count} report day(s)", ClusterFixture.Clock);

    private List<string> Messages() => [.. _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetProperty("content").GetString()!)];

    private async Task<List<string>> MessagesAsync(int count) =>
        await Eventually.MatchAsync(() => Task.FromResult(Messages()), m => m.Count >= count, $"{count} webhook message(s)");

    [Fact]
    public async Task Reminder_AtTheConfiguredLocalTime_MakesTheDayOnceAndPushesEachRecipientsReportToTheWebhook()
    {
        await ArrangeAsync();
        var (at, day, instant) = TenMinutesFromNow();

        var settings = await ConfigureAsync(at, everyDay: true);
        Assert.Equal((day, instant, "Asia/Shanghai"), (settings.NextDay!.Value, settings.NextAt!.Value, settings.TimeZone));
        ClusterFixture.Clock.SetUtcNow(instant.AddMinutes(-1));
        Assert.Empty(await Report.GetDaysAsync());

        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([day], await DaysAsync(1));
        var messages = await MessagesAsync(3);

        var li = Assert.Single(messages, m => m.Contains("(rep rep-li)", StringComparison.Ordinal));
        Assert.StartsWith($"Daily report {day:yyyy-MM-dd} for Li (rep rep-li), the first one", li, StringComparison.Ordinal);
        Assert.Contains("- evidence-rate 0% (alarm below 60%)", li, StringComparison.Ordinal);
        Assert.Single(messages, m => m.Contains("for Wang (team sup-wang)", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("for Zhao (tenant)", StringComparison.Ordinal));
        var report = (await Report.GetAsync(day))!;
        Assert.All(report.Deliveries, d => Assert.Equal("Delivered", d.Outcome));

        // Asked again (an admin's "run now", another firing a minute later): the same report, nothing sent twice.
        var again = await Report.RunAsync();
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(report.MadeAt, again.MadeAt);
        Assert.Equal([day], await Report.GetDaysAsync());
        Assert.Equal(3, Messages().Count);
        Assert.Equal(day.AddDays(1), (await Report.GetSettingsAsync()).NextDay);
    }

    [Fact]
    public async Task Reminder_MetricInAlarmTwoReportDaysInARow_AlertsTheRepsSupervisorInTheInboxAndOnTheChannel()
    {
        await ArrangeAsync();
        var (at, day, instant) = TenMinutesFromNow();
        await ConfigureAsync(at, everyDay: true);
        ClusterFixture.Clock.SetUtcNow(instant);
        await DaysAsync(1);
        await MessagesAsync(3);
        Assert.DoesNotContain(await _data.Rep("sup-wang").GetInboxAsync(), i => i.Kind == "metric-alarm");

        // The report actor is deactivated in between: the first day comes back from storage, the reminder wakes it.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([day.AddDays(1), day], await DaysAsync(2));

        var second = (await Report.GetAsync(day.AddDays(1)))!;
        Assert.Equal(day, second.PreviousDay);
        Assert.Equal(0.0, second.Sections[0].Metrics.Single(m => m.Id == "evidence-rate").Change);
        Assert.All((await Report.GetAsync(day))!.Deliveries, d => Assert.Equal(string.Empty, d.Text));
        var alert = Assert.Single(second.Alerts, a => a.Section == "rep rep-li" && a.MetricId == "evidence-rate");
        Assert.Equal(["sup-wang"], alert.ManagerIds);
        var inbox = await Eventually.MatchAsync(() => _data.Rep("sup-wang").GetInboxAsync(), i => i.Any(x => x.Kind == "metric-alarm"), "the supervisor's alert");
        var item = Assert.Single(inbox, i => i.Kind == "metric-alarm" && i.Title.Contains("evidence-rate for rep rep-li", StringComparison.Ordinal));
        Assert.Equal(InboxItem.Red, item.Severity);
        Assert.Contains(await _data.Rep("mgr-zhao").GetInboxAsync(), i => i.Kind == "metric-alarm" && i.Title.Contains("evidence-rate for tenant", StringComparison.Ordinal));
        var messages = await MessagesAsync(6 + second.Alerts.Sum(a => a.ManagerIds.Count));
        Assert.Contains(messages, m => m.StartsWith("To sup-wang: Red two report days in a row", StringComparison.Ordinal) && m.Contains("evidence-rate for rep rep-li is 0%", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("- evidence-rate in alarm 2 report days in a row", StringComparison.Ordinal) && m.Contains($"compared with {day:yyyy-MM-dd}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminder_TodayAndTomorrowHolidays_NoReportUntilTheNextWorkingDay()
    {
        var (at, day, instant) = TenMinutesFromNow();
        await ArrangeAsync(holidays: $"\"{day:yyyy-MM-dd}\", \"{day.AddDays(1):yyyy-MM-dd}\"");

        var settings = await ConfigureAsync(at, everyDay: false);
        Assert.Equal((day.AddDays(2), instant.AddDays(2)), (settings.NextDay!.Value, settings.NextAt!.Value));

        ClusterFixture.Clock.SetUtcNow(instant.AddDays(2));
        Assert.Equal([day.AddDays(2)], await DaysAsync(1));
        Assert.Equal(3, (await MessagesAsync(3)).Count);
    }

    [Fact]
    public async Task Run_NothingConfigured_IsAConflictNamingConfig()
    {
        var ex = await Assert.ThrowsAsync<GrainInterfaces.Common.CrmException>(() => Report.RunAsync());

        Assert.Equal("config", ex.Field);
    }
}
