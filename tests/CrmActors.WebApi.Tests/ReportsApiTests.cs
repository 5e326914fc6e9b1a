using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Grains.Tests.Notifications;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// The daily report through the API: configured by admins (validated field by field, audited), made on demand and
/// pushed to the tenant's weCom robot, read as JSON, CSV or an HTML page with the sections each caller may see.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportsApiTests(ApiFixture api) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly WebhookReceiver _receiver = new();

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    private static object Config(string at = "08:30") => new
    {
        at,
        channel = "weCom",
        recipients = new[] { new { userId = "rep-a", scope = "rep" }, new { userId = "rep-b", scope = "rep" }, new { userId = "sup-1", scope = "team" }, new { userId = "mgr-1", scope = "tenant" } },
    };

    public async Task InitializeAsync()
    {
        (await Admin.PutAsJsonAsync("/api/v1/reps/sup-1", new { displayName = "Sup 1" })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/reps/sup-2", new { displayName = "Sup 2" })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "Li Na", supervisorId = "sup-1" })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/reps/rep-b", new { displayName = "Zhang Wei", supervisorId = "sup-2" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task PutConfig_AsAdmin_IsStoredAuditedAndNamesTheNextReportAtTheLocalTime()
    {
        var put = await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", Config());

        put.EnsureSuccessStatusCode();
        var config = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/daily/config");
        Assert.Equal(("08:30", "weCom", "Asia/Shanghai", true, false), (config.GetProperty("at").GetString(), config.GetProperty("channel").GetString(), config.GetProperty("timeZone").GetString(), config.GetProperty("enabled").GetBoolean(), config.GetProperty("includeNonWorkingDays").GetBoolean()));
        Assert.Equal(["rep-a/rep", "rep-b/rep", "sup-1/team", "mgr-1/tenant"], config.GetProperty("recipients").EnumerateArray().Select(r => $"{r.GetProperty("userId").GetString()}/{r.GetProperty("scope").GetString()}"));
        var next = TimeZoneInfo.ConvertTime(config.GetProperty("nextAt").GetDateTimeOffset(), Shanghai);
        Assert.Equal((8, 30), (next.Hour, next.Minute));
        Assert.NotEqual(DayOfWeek.Saturday, next.DayOfWeek);
        Assert.NotEqual(DayOfWeek.Sunday, next.DayOfWeek);
        var audit = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("operation").GetString() == "PUT /api/v1/reports/daily/config" && e.GetProperty("action").GetString() == "config");
    }

    [Fact]
    public async Task PutConfig_BadFields_Is400NamingEachAndChangesNothing()
    {
        await Problems.AssertFieldErrorsAsync(
            await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", new { at = "8.30", channel = "fax", recipients = new object?[] { new { userId = "rep-a", scope = "boss" }, null, new { userId = "bad id!", scope = "rep" } } }),
            "at", "channel", "recipients[0].scope", "recipients[1]", "recipients[2].userId");
        await Problems.AssertFieldErrorsAsync(await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", new { at = "25:00", channel = "weCom", recipients = Array.Empty<object>() }), "at", "recipients");
        var unknown = await Problems.AssertProblemAsync(
            await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", new { at = "08:30", channel = "weCom", recipients = new[] { new { userId = "rep-nobody", scope = "rep" } } }), HttpStatusCode.NotFound);
        Assert.Equal("recipients[0].userId", unknown.GetProperty("field").GetString());

        var config = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/daily/config");
        Assert.False(config.GetProperty("configured").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostAsync(new Uri("/api/v1/reports/daily/run", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task Run_PushesEachRecipientsReportToTheRobot_OnceForTheDay()
    {
        (await Admin.PutAsJsonAsync("/api/v1/notification-channels/weCom", new { format = "weCom", url = _receiver.Url.ToString() })).EnsureSuccessStatusCode();
        (await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", Config())).EnsureSuccessStatusCode();

        var first = await Admin.PostAsync(new Uri("/api/v1/reports/daily/run", UriKind.Relative), null);
        var again = await Admin.PostAsync(new Uri("/api/v1/reports/daily/run", UriKind.Relative), null);

        var report = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(report.GetProperty("madeAt").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("madeAt").GetString());
        var texts = _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetProperty("content").GetString()!).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Single(texts, t => t.StartsWith($"Daily report {report.GetProperty("day").GetString()} for Li Na (rep rep-a)", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("for Sup 1 (team sup-1)", StringComparison.Ordinal));
        Assert.All(report.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal("Delivered", d.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Get_AsJsonCsvAndHtml_EachCallerSeesTheSectionsTheyMay()
    {
        (await Admin.PutAsJsonAsync("/api/v1/reports/daily/config", Config())).EnsureSuccessStatusCode();
        var day = (await (await Admin.PostAsync(new Uri("/api/v1/reports/daily/run", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("day").GetString()!;

        async Task<string[]> SectionsAsync(string user, string role) =>
            [.. (await api.As(_tenant, user, role).GetFromJsonAsync<JsonElement>($"/api/v1/reports/daily/{day}")).GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

        Assert.Equal(["rep rep-a"], await SectionsAsync("rep-a", CrmRoles.Rep));
        Assert.Equal(["rep rep-a", "team sup-1"], await SectionsAsync("sup-1", CrmRoles.Supervisor));
        Assert.Equal(["rep rep-a", "rep rep-b", "team sup-1", "tenant"], await SectionsAsync("mgr-1", CrmRoles.Manager));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(_tenant, "svc-1", CrmRoles.Service).GetAsync(new Uri($"/api/v1/reports/daily/{day}", UriKind.Relative))).StatusCode);
        Assert.Equal([day], (await Admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/daily")).GetProperty("days").EnumerateArray().Select(d => d.GetString()));

        var csv = await api.As(_tenant, "rep-a", CrmRoles.Rep).GetAsync(new Uri($"/api/v1/reports/daily/{day}?format=csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Day,Section,Part,Id,Value,Unit,Healthy,Alarm,State,Previous,Change,Trend,AlarmDays,Detail", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"{day},rep rep-a,", StringComparison.Ordinal) && l.Contains(",evidence-rate,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("rep rep-b", StringComparison.Ordinal));

        var html = await Admin.GetAsync(new Uri($"/api/v1/reports/daily/{day}?format=html", UriKind.Relative));
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>Daily report {day}</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>team sup-1</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_BadDateOrFormat_Is400NamingIt_AnUnknownDayIs404()
    {
        await Problems.AssertFieldErrorsAsync(await Admin.GetAsync(new Uri("/api/v1/reports/daily/2026-13-01?format=pdf", UriKind.Relative)), "date", "format");
        var missing = await Problems.AssertProblemAsync(await Admin.GetAsync(new Uri("/api/v1/reports/daily/2020-01-01", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal("date", missing.GetProperty("field").GetString());
    }
}
