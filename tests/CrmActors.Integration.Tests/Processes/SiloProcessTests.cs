using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// The durability promises, shown with real processes on a real MariaDB: state and reminders survive
/// kill -9, and a second silo takes over a killed one's grains.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SiloProcessTests
{
    private const string Tenant = "acme";

    [Fact]
    public async Task Lead_SiloKilledAndRestarted_IsStillReadable()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        var created = await Api.PostAsync(admin, "api/v1/leads", new { name = "Dr. Liu", phone = "13800138000", channel = "website_form", productInterest = "implants" });
        var id = created.GetProperty("id").GetString();

        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);

        var read = await Api.UntilAsync(() => Api.GetAsync(admin, $"api/v1/leads/{id}"), _ => true, TimeSpan.FromSeconds(60), "the lead after restart");
        Assert.Equal("Dr. Liu", read.GetProperty("name").GetString());
        Assert.Equal("implants", read.GetProperty("productInterest").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), read.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task IdempotentSubmission_RetriedAfterSiloKilledAndRestarted_ReturnsTheOriginal()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        var body = new { name = "Mr. Zhou", phone = "13700001111", channel = "trade_show_scan", productInterest = "ultrasound" };
        var key = Guid.NewGuid().ToString();
        var first = await PostKeyedAsync(admin, key, body);
        Assert.Equal(System.Net.HttpStatusCode.Created, first.StatusCode);
        var original = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;

        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);

        // The client did not see the answer and retries; the retry must not create a second lead.
        var retry = await Api.UntilAsync(
            async () =>
            {
                var response = await PostKeyedAsync(admin, key, body);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            },
            r => r.TryGetProperty("intakeOutcome", out _),
            TimeSpan.FromSeconds(60),
            "the retried submission");
        Assert.Equal("Replayed", retry.GetProperty("intakeOutcome").GetString());
        Assert.Equal(original.GetProperty("id").GetString(), retry.GetProperty("id").GetString());
        Assert.Equal(original.GetProperty("createdAt").GetString(), retry.GetProperty("createdAt").GetString());
        var customer = await Api.GetAsync(admin, "api/v1/customers/P8613700001111");
        Assert.Equal(1, customer.GetProperty("leadIds").GetArrayLength());
    }

    private static async Task<HttpResponseMessage> PostKeyedAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/leads") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task CapturedLead_SiloKilledBeforeRoutingRan_IsRoutedByTheWakeUpAfterRestart()
    {
        // Routing on capture is switched off: the acknowledged lead is exactly what a silo killed between the
        // intake answer and routing leaves behind. Only the wake-up written with the capture can route it.
        var settings = new Dictionary<string, string>
        {
            ["Crm__IntakeRouting__RouteOnCapture"] = "false",
            ["Crm__IntakeRouting__SettleWithin"] = "00:00:02",
            ["Orleans__GrainStorage__crm__WakeUpSweepEvery"] = "00:00:01",
        };
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync(settings: settings);
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li", groups = new[] { "sales" } });
        await Api.PutAsync(admin, "api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } });
        await Api.PostAsync(admin, "api/v1/routing/rules/publish", new { });
        var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = "Ms. Huang", phone = "13912345678", channel = "douyin_dm" })).GetProperty("id").GetString();
        await silo.Process.KillAsync();
        Assert.Equal(1, await deployment.CountAsync("SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'customer' AND wake_at IS NOT NULL"));

        await deployment.StartSiloAsync(silo.Ports, settings);

        var lead = await Api.UntilAsync(() => Api.GetAsync(admin, $"api/v1/leads/{id}"), l => l.GetProperty("ownerRepId").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(60), "the lead to be routed");
        Assert.Equal("rep-li", lead.GetProperty("ownerRepId").GetString());
        Assert.Single(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "assigned");
        var rep = await Api.GetAsync(admin, "api/v1/reps/rep-li");
        Assert.Equal(id, Assert.Single(rep.GetProperty("openLeadIds").EnumerateArray()).GetString());
        // The customer's routing wake-up is cleared; the lead's own row now asks to be woken for its first-touch deadline.
        await Api.UntilAsync(() => CountJsonAsync(deployment, "SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'customer' AND wake_at IS NOT NULL"), c => c.GetInt32() == 0, TimeSpan.FromSeconds(30), "the wake-up to be cleared");
        Assert.Equal(1, await deployment.CountAsync("SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'lead' AND wake_at IS NOT NULL"));
    }

    [Fact]
    public async Task FirstTouchReminder_ArmedBeforeKill_FiresAfterRestartExactlyOnce()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/sup-wang", new { displayName = "Wang" });
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li", supervisorId = "sup-wang" });
        var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = "Ms. Huang", phone = "13912345678", channel = "douyin_dm" })).GetProperty("id").GetString();
        await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-li", firstTouchWithinSeconds = 8 });

        // The deadline is armed and acknowledged; the silo dies before it is due.
        await silo.Process.KillAsync();
        Assert.Equal(1, await deployment.CountAsync("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'deadlines'"));
        silo = await deployment.StartSiloAsync(silo.Ports);

        var lead = await Api.UntilAsync(() => Api.GetAsync(admin, $"api/v1/leads/{id}"), l => l.GetProperty("overdueAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(90), "the overdue mark");
        var inbox = await Api.UntilAsync(() => Api.GetAsync(admin, "api/v1/reps/sup-wang/inbox"), i => i.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the supervisor alert");
        // The lead's one reminder moves on to its next deadline, the escalation chain's day 3.
        await Api.UntilAsync(
            () => CountJsonAsync(deployment, "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ReminderName = 'deadlines' AND StartTime > UTC_TIMESTAMP() + INTERVAL 2 DAY"),
            c => c.GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            "the reminder to move to the next deadline");

        // The effect is durable and single: after another kill and restart there is still one alert.
        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);
        var after = await Api.UntilAsync(() => Api.GetAsync(admin, "api/v1/reps/sup-wang/inbox"), _ => true, TimeSpan.FromSeconds(60), "the inbox after the second restart");
        var leadAfter = await Api.GetAsync(admin, $"api/v1/leads/{id}");

        Assert.Equal(1, lead.GetProperty("escalationLevel").GetInt32());
        Assert.Equal(id, Assert.Single(inbox.EnumerateArray()).GetProperty("leadId").GetString());
        Assert.Single(after.EnumerateArray());
        Assert.Single(leadAfter.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "first-touch-overdue");
        Assert.Equal(lead.GetProperty("overdueAt").GetString(), leadAfter.GetProperty("overdueAt").GetString());
    }

    [Fact]
    public async Task FollowUpDeadline_ArmedByAnActivityBeforeKill_FiresAfterRestartExactlyOnce()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li" });
        var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = "Mr. Zhou", phone = "13912340001", channel = "website_form" })).GetProperty("id").GetString();
        await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-li" });
        await Api.PostAsync(admin, $"api/v1/leads/{id}/activities", new
        {
            type = "call",
            fields = new { outcome = "Will confirm the budget after the board meeting" },
            nextFollowUpAt = DateTimeOffset.UtcNow.AddSeconds(8),
        });

        // The follow-up is armed and acknowledged; the silo dies before it is due.
        await silo.Process.KillAsync();
        silo = await deployment.StartSiloAsync(silo.Ports);

        var inbox = await Api.UntilAsync(
            () => Api.GetAsync(admin, "api/v1/reps/rep-li/inbox"), i => i.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "follow-up-due"), TimeSpan.FromSeconds(90), "the follow-up reminder");

        // Killed again right after the delivery, perhaps before the lead recorded it: the reminder fires again, the
        // lead records the step, and the inbox item (its id names the deadline) is not delivered twice.
        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);
        var lead = await Api.UntilAsync(
            () => Api.GetAsync(admin, $"api/v1/leads/{id}"),
            l => l.GetProperty("history").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "follow-up-due"),
            TimeSpan.FromSeconds(120),
            "the lead to record the follow-up");
        var after = await Api.GetAsync(admin, "api/v1/reps/rep-li/inbox");

        Assert.Single(inbox.EnumerateArray(), e => e.GetProperty("kind").GetString() == "follow-up-due");
        Assert.Single(after.EnumerateArray(), e => e.GetProperty("kind").GetString() == "follow-up-due");
        Assert.Single(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "follow-up-due");
        Assert.DoesNotContain(lead.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "follow-up");
    }

    [Fact]
    public async Task TwoSiloProcesses_OneKilled_EveryLeadStaysReadableThroughTheApi()
    {
        await using var deployment = await Deployment.CreateAsync();
        var first = await deployment.StartSiloAsync();
        await deployment.StartSiloAsync();
        Assert.Equal(2, await deployment.CountAsync("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3"));
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var lead = await Api.PostAsync(admin, "api/v1/leads", new { name = $"Lead {i}", phone = $"1380013{i:0000}", channel = "website_form" });
            ids.Add(lead.GetProperty("id").GetString()!);
        }

        await first.Process.KillAsync();

        // Each read may meet the failover window; the API retries reads itself, so every one must succeed.
        foreach (var id in ids)
        {
            var lead = await Api.GetAsync(admin, $"api/v1/leads/{id}");
            Assert.Equal(id, lead.GetProperty("id").GetString());
        }

        Assert.Equal(1, await deployment.CountAsync("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3"));
    }

    private static async Task<JsonElement> CountJsonAsync(Deployment deployment, string sql) =>
        JsonDocument.Parse((await deployment.CountAsync(sql)).ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement.Clone();
}

/// <summary>
/// Process tests run one at a time: each starts several .NET processes on a 2-core machine. When they start, the
/// upgrade test's N+1 build may start beside them at the lowest priority (<see cref="Upgrade.NextVersionBuild.StartEarly"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection : ICollectionFixture<EarlyNextVersion>
{
    public const string Name = "processes";
}

/// <summary>Starts the N+1 build with the process tests, and waits for it at their end so no build outlives the run.</summary>
public sealed class EarlyNextVersion : IAsyncLifetime
{
    private Task<string>? _build;

    public Task InitializeAsync()
    {
        _build = Upgrade.NextVersionBuild.StartEarly();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_build is not null)
        {
            // Its failure is the upgrade test's to report.
            await Task.WhenAny(_build);
        }
    }
}
