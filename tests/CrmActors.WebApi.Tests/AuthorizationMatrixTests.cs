using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Every endpoint against every kind of caller, in a fresh tenant per cell: a lead owned by rep-a (supervised by
/// sup-1), its customer and a discount request on it. An allowed caller gets the endpoint's answer; a refused one
/// gets 403 and nothing changes. A second theory sends the ids of another tenant's entities: 404 and that tenant
/// unchanged.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture api)
{
    private static readonly Dictionary<string, (string User, string Role)> Actors = new()
    {
        ["rep-own"] = ("rep-a", CrmRoles.Rep),
        ["rep-other"] = ("rep-b", CrmRoles.Rep),
        ["sup-team"] = ("sup-1", CrmRoles.Supervisor),
        ["sup-other"] = ("sup-2", CrmRoles.Supervisor),
        ["manager"] = ("mgr-1", CrmRoles.Manager),
        ["service"] = ("svc-1", CrmRoles.Service),
        ["marketing"] = ("mkt-1", CrmRoles.Marketing),
        ["admin"] = ("admin-1", CrmRoles.Admin),

        // Runs the cluster: the Orleans dashboard, and no tenant's data.
        ["ops"] = ("ops-1", CrmRoles.Ops),
    };

    /// <summary>A source system signing with an integration key of the tenant (not a token): allowed only on /api/v1/integration.</summary>
    private const string IntegrationActor = "integration";

    private static readonly string[] All = [.. Actors.Keys.Where(a => a != "ops")];
    private static readonly string[] IntegrationOnly = [IntegrationActor];
    private static readonly string[] OpsOnly = ["ops"];
    private static readonly string[] LeadRead = ["rep-own", "sup-team", "manager", "admin", "service", "marketing"];
    private static readonly string[] LeadWork = ["rep-own", "sup-team", "manager", "admin"];
    private static readonly string[] LeadManage = ["sup-team", "manager", "admin"];
    private static readonly string[] LeadSignal = ["rep-own", "sup-team", "manager", "admin", "marketing"];
    private static readonly string[] Team = ["manager", "admin"];
    private static readonly string[] AdminOnly = ["admin"];
    private static readonly string[] Sellers = ["rep-own", "rep-other", "sup-team", "sup-other", "manager", "marketing", "admin"];
    private static readonly string[] Supervisors = ["sup-team", "sup-other", "manager", "admin"];
    private static readonly string[] Tickets = ["service", "sup-team", "sup-other", "manager", "admin"];
    private static readonly string[] Stats = ["rep-own", "rep-other", "sup-team", "sup-other", "manager", "admin"];
    private static readonly string[] Intake = ["marketing", "manager", "admin"];

    private static readonly object Rules = new
    {
        rules = new object[] { new { id = "matrix", conditions = new object[] { new { field = "channel", @operator = "equals", values = new[] { "trade_show_scan" } } }, action = new { target = new { kind = "group", id = "sales" } } } },
        fallback = new { target = new { kind = "group", id = "sales" } },
    };

    /// <summary>
    /// The endpoints. <c>Ok</c> is the status an allowed caller gets (null: any answer but 401/403/5xx, for
    /// endpoints whose answer depends on state, e.g. 409 for a claim that fails its checks). <c>Probe</c> is read
    /// by an admin before and after a refused call and must not change.
    /// </summary>
    private static readonly Endpoint[] Endpoints =
    [
        new("GET", "/api/v1/leads/{lead}", null, LeadRead, 200, null),
        new("GET", "/api/v1/leads/{lead}/routing", null, LeadRead, null, null),
        new("POST", "/api/v1/leads/{lead}/touches", new { kind = "call", note = "matrix" }, LeadWork, 200, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/outcome", new { result = "lost", reason = "matrix" }, LeadWork, 200, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/activities", new { type = "objection-handling", fields = new { customerWords = "Too expensive", ourResponse = "Total cost over 5 years", toVerify = "Budget owner" } }, LeadWork, 200, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/conversations", new { text = "A: Hello Dr. Qian\nQian: We need a CT, budget 2 million\nA: I'll send a quote tomorrow", repSpeakers = new[] { "A" } }, LeadWork, 201, "/api/v1/leads/{lead}"),
        new("GET", "/api/v1/leads/{lead}/conversations/{draft}", null, LeadWork, 200, null),
        new("POST", "/api/v1/leads/{lead}/conversations/{draft}/confirm", null, LeadWork, 200, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/signals", new { kind = "contact", channel = "call", durationSeconds = 60 }, LeadSignal, 200, "/api/v1/leads/{lead}"),
        new("GET", "/api/v1/leads/{lead}/opportunity", null, LeadWork, 200, null),
        new("POST", "/api/v1/leads/{lead}/opportunity", null, LeadWork, null, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/opportunity/confirm", null, LeadManage, null, "/api/v1/leads/{lead}"),
        new("GET", "/api/v1/leads/{lead}/next-actions", null, LeadWork, 200, null),
        new("GET", "/api/v1/leads/{lead}/hints", null, LeadWork, 200, null),
        new("POST", "/api/v1/leads/{lead}/assignment", new { repId = "rep-b" }, LeadManage, 200, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/routing", null, LeadManage, null, "/api/v1/leads/{lead}"),
        new("POST", "/api/v1/leads/{lead}/discount-requests", new { percent = 3, reason = "matrix" }, LeadWork, 201, "/api/v1/leads/{lead}"),
        new("GET", "/api/v1/approvals/{approval}", null, LeadWork, 200, null),
        new("POST", "/api/v1/approvals/{approval}/decision", new { decision = "approve" }, ["sup-team", "admin"], null, "/api/v1/approvals/{approval}"),
        new("GET", "/api/v1/reps", null, All, 200, null),
        new("GET", "/api/v1/reps/rep-a", null, All, 200, null),
        new("PUT", "/api/v1/reps/rep-z", new { displayName = "Z" }, Team, null, "/api/v1/reps"),
        new("GET", "/api/v1/reps/rep-a/leads", null, LeadWork, 200, null),
        new("POST", "/api/v1/reps/rep-a/reconcile", null, Team, 200, "/api/v1/reps/rep-a"),
        new("GET", "/api/v1/reps/rep-a/inbox", null, LeadWork, 200, null),
        new("POST", "/api/v1/reps/rep-a/inbox/status", new { itemId = "no-such-item", status = "read" }, LeadWork, null, null),
        new("GET", "/api/v1/customers/{customer}", null, All, 200, null),
        new("GET", "/api/v1/customers/{customer}/360", null, All, 200, null),
        new("GET", "/api/v1/customers/{customer}/duplicates", null, All, 200, null),
        new("POST", "/api/v1/customers/{customer}/orders", new { number = "SO-1", product = "CT-500", amount = 1000, cost = 600, paymentDueAt = DateTimeOffset.UtcNow.AddDays(30) }, Sellers, 201, "/api/v1/customers/{customer}/360"),
        new("POST", "/api/v1/customers/{customer}/merge", new { duplicateCustomerId = "P404" }, Supervisors, null, "/api/v1/customers/{customer}"),
        new("POST", "/api/v1/tickets", new { customerId = "{customer}", title = "Probe fault" }, Tickets, 201, "/api/v1/customers/{customer}"),
        new("GET", "/api/v1/activity-types", null, All, 200, null),
        new("GET", "/api/v1/follow-up/policy", null, All, 200, null),
        new("PUT", "/api/v1/follow-up/policy", new { escalation = new[] { new { afterDays = 2, action = "remindRep" } } }, AdminOnly, 200, "/api/v1/follow-up/policy"),
        new("GET", "/api/v1/channels", null, All, 200, null),
        new("PUT", "/api/v1/channels/matrix_ch", new { aliases = new[] { "mx" } }, AdminOnly, null, "/api/v1/channels"),
        new("DELETE", "/api/v1/channels/referral", null, AdminOnly, null, "/api/v1/channels"),
        new("GET", "/api/v1/routing/rules", null, Team, 200, null),
        new("PUT", "/api/v1/routing/rules/draft", Rules, AdminOnly, 200, "/api/v1/routing/rules"),
        new("POST", "/api/v1/routing/rules/draft/test", new { leadIds = new[] { "{lead}" } }, Team, null, "/api/v1/routing/rules"),
        new("POST", "/api/v1/routing/rules/publish", null, AdminOnly, null, "/api/v1/routing/rules"),
        new("POST", "/api/v1/routing/rules/rollback", new { version = 1 }, AdminOnly, null, "/api/v1/routing/rules"),
        new("GET", "/api/v1/notification-channels", null, AdminOnly, 200, null),
        new("PUT", "/api/v1/notification-channels/dingTalk", new { format = "dingTalk", url = "https://oapi.dingtalk.com/robot/send?access_token=abc", secret = "SECxyz", alertRepId = "sup-1" }, AdminOnly, 200, "/api/v1/notification-channels"),
        new("POST", "/api/v1/imports", "name,phone,channel\nMatrix,13900009999,website_form\n", Intake, 202, null),
        new("GET", "/api/v1/stats", null, Stats, 200, null),
        new("GET", "/api/v1/stats?rep=rep-a", null, ["rep-own", "sup-team", "sup-other", "manager", "admin"], 200, null),
        new("GET", "/api/v1/stats?team=sup-1", null, ["sup-team", "manager", "admin"], 200, null),
        new("GET", "/api/v1/stats/reps?format=csv", null, Stats, 200, null),
        new("GET", "/api/v1/stats/metrics/unassigned/leads", null, Stats, 200, null),
        new("GET", "/api/v1/stats/trusted-leads", null, Stats, 200, null),
        new("GET", "/api/v1/stats/regions", null, Stats, 200, null),
        new("GET", "/api/v1/stats/regions?format=csv", null, Stats, 200, null),
        new("GET", "/api/v1/stats/regions/unknown/leads", null, Stats, 200, null),
        new("GET", "/api/v1/stats/regions/Guangdong/leads?city=Shenzhen&format=csv", null, Stats, 200, null),
        new("GET", "/api/v1/audit", null, AdminOnly, 200, null),
        new("GET", "/api/v1/reports/daily/config", null, AdminOnly, 200, null),
        new("PUT", "/api/v1/reports/daily/config", new { at = "08:30", channel = "weCom", recipients = new[] { new { userId = "rep-a", scope = "rep" }, new { userId = "sup-1", scope = "team" } } }, AdminOnly, 200, "/api/v1/reports/daily/config"),
        new("POST", "/api/v1/reports/daily/run", null, AdminOnly, null, "/api/v1/reports/daily"),
        new("GET", "/api/v1/reports/daily", null, Stats, 200, null),
        new("GET", "/api/v1/reports/daily/2026-03-09?format=html", null, Stats, null, null),
        new("GET", "/api/v1/models", null, Team, 200, null),
        new("GET", "/api/v1/models/v2-none-0/report", null, Team, null, null),
        new("POST", "/api/v1/models/rollback", null, AdminOnly, null, "/api/v1/models"),
        new("POST", "/api/v1/models/train", null, AdminOnly, null, "/api/v1/models"),
        new("POST", "/api/v1/customers", new { name = "New customer" }, All, 201, null),
        new("PUT", "/api/v1/customers/{customer}/contacts/c1", new { name = "Dean Wu", role = "buyer", attitude = "supports" }, Sellers, 200, "/api/v1/customers/{customer}/360"),
        new("DELETE", "/api/v1/customers/{customer}/contacts/c0", null, Sellers, null, "/api/v1/customers/{customer}/360"),
        new("POST", "/api/v1/customers/{customer}/orders/{order}/payment", null, Sellers, null, "/api/v1/customers/{customer}/360"),
        new("POST", "/api/v1/customers/{customer}/feedback", new { score = 4, comment = "ok" }, All, null, null),
        new("POST", "/api/v1/customers/{customer}/service-events", new { kind = "installation-complete", region = "east" }, Tickets, null, "/api/v1/customers/{customer}"),
        new("GET", "/api/v1/service-cycles/S404", null, All, null, null),
        new("POST", "/api/v1/service-cycles/S404/visits/1/complete", null, Tickets, null, null),
        new("GET", "/api/v1/tickets/{ticket}", null, All, 200, null),
        new("POST", "/api/v1/tickets/{ticket}/status", new { status = "in-progress" }, Tickets, 200, "/api/v1/tickets/{ticket}"),
        new("POST", "/api/v1/tickets/{ticket}/affects-sales", new { suggestedAction = "Call before the renewal" }, Tickets, null, "/api/v1/tickets/{ticket}"),
        new("GET", "/api/v1/imports/I404", null, All, null, null),
        new("POST", "/api/v1/notification-channels/dingTalk/resume", null, AdminOnly, null, "/api/v1/notification-channels"),
        new("GET", "/api/v1/reps/rep-a/inbox/stream", null, LeadWork, 200, null),
        new("GET", "/api/v1/stats/stream", null, Stats, 200, null),
        new("POST", "/api/v1/cluster/session", null, OpsOnly, 204, null),
        new("GET", "/orleans/", null, OpsOnly, 200, null),
        new("POST", "/api/v1/integration-keys", new { source = "matrix-erp" }, AdminOnly, 201, "/api/v1/integration-keys"),
        new("GET", "/api/v1/integration-keys", null, AdminOnly, 200, null),
        new("DELETE", "/api/v1/integration-keys/ik-404", null, AdminOnly, null, "/api/v1/integration-keys"),
        new("POST", "/api/v1/integration/events", new { kind = "payment", id = "PAY-1", customerId = "{customer}", orderId = "SO-9", amount = 100, at = "2026-01-05T09:00:00+08:00" }, IntegrationOnly, 201, "/api/v1/customers/{customer}/360"),
        new("POST", "/api/v1/integration/events/bulk", new { events = new[] { new { kind = "order", id = "SO-9", customerId = "{customer}", amount = 100, at = "2026-01-05T09:00:00+08:00", dueAt = "2028-01-05T09:00:00+08:00" } } }, IntegrationOnly, 200, "/api/v1/customers/{customer}/360"),
    ];

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var actor in Actors.Keys.Append(IntegrationActor))
            {
                data.Add(endpoint.Name, actor);
            }
        }

        return data;
    }

    public static TheoryData<string> ScopedEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in Endpoints.Where(e => !e.Path.EndsWith("/bulk", StringComparison.Ordinal)).Where(e => Tenant.Placeholders.Any(p => e.Path.Contains(p, StringComparison.Ordinal) || (e.Body is not null and not string && JsonSerializer.Serialize(e.Body).Contains(p, StringComparison.Ordinal)))))
        {
            data.Add(endpoint.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_ByEachKindOfCaller_IsAllowedOrRefusedWith403AndNothingChanges(string endpointName, string actor)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var tenant = await TenantAsync();
        using var caller = await CallerAsync(tenant.Id, actor);
        var before = endpoint.Probe is null ? null : await ProbeAsync(tenant, endpoint.Probe);

        using var response = await SendAsync(caller, endpoint, tenant);
        var body = await BodyAsync(response);
        var status = (int)response.StatusCode;
        if (endpoint.Allowed.Contains(actor))
        {
            Assert.True(status is not (401 or 403) and < 500, $"{endpoint.Name} as {actor}: expected allowed, got {status}: {body}");
            if (endpoint.Ok is { } ok)
            {
                Assert.True(ok == status, $"{endpoint.Name} as {actor}: expected {ok}, got {status}: {body}");
            }
        }
        else
        {
            Assert.True(status == 403, $"{endpoint.Name} as {actor}: expected 403, got {status}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (endpoint.Probe is not null)
            {
                Assert.Equal(before, await ProbeAsync(tenant, endpoint.Probe));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ScopedEndpoints))]
    public async Task Endpoint_GivenIdsOfAnotherTenant_FindsNothingAndChangesNothingThere(string endpointName)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var mine = await TenantAsync();
        var theirs = await TenantAsync();
        var probes = new[] { "/api/v1/leads/{lead}", "/api/v1/customers/{customer}/360", "/api/v1/approvals/{approval}", "/api/v1/tickets/{ticket}" };
        var before = await Task.WhenAll(probes.Select(p => ProbeAsync(theirs, p)));

        // My admin, naming their lead, customer and approval (with a routing draft of my own, so a test of it looks the lead up).
        using var admin = api.As(mine.Id, "admin-1", CrmRoles.Admin);
        (await admin.PutAsJsonAsync("/api/v1/routing/rules/draft", Rules)).EnsureSuccessStatusCode();
        using var sender = endpoint.Allowed == IntegrationOnly ? await CallerAsync(mine.Id, IntegrationActor) : null;
        using var response = await SendAsync(sender ?? admin, endpoint, theirs);
        var body = await BodyAsync(response);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound,
            $"{endpoint.Name} with another tenant's ids: expected 404, got {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain(theirs.Name, body, StringComparison.Ordinal);
        Assert.Equal(before, await Task.WhenAll(probes.Select(p => ProbeAsync(theirs, p))));
    }

    [Fact]
    public async Task Customer360_AsService_HasNoCostOrMargin_AsARep_OnlyTheirOwnLeads()
    {
        var tenant = await TenantAsync();
        using var admin = api.As(tenant.Id, "admin-1", CrmRoles.Admin);
        (await admin.PostAsJsonAsync($"/api/v1/customers/{tenant.Customer}/orders", new { number = "SO-9", product = "CT-500", amount = 1000, cost = 600, paymentDueAt = DateTimeOffset.UtcNow.AddDays(30) })).EnsureSuccessStatusCode();

        var asService = await api.As(tenant.Id, "svc-1", CrmRoles.Service).GetStringAsync($"/api/v1/customers/{tenant.Customer}/360");
        Assert.DoesNotContain("cost", asService, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("margin", asService, StringComparison.OrdinalIgnoreCase);
        var asAdmin = await admin.GetStringAsync($"/api/v1/customers/{tenant.Customer}/360");
        Assert.Contains("\"margin\":400", asAdmin, StringComparison.Ordinal);

        var asOtherRep = await api.As(tenant.Id, "rep-b", CrmRoles.Rep).GetFromJsonAsync<JsonElement>($"/api/v1/customers/{tenant.Customer}/360");
        Assert.Empty(asOtherRep.GetProperty("leads").EnumerateArray());
        var asOwner = await api.As(tenant.Id, "rep-a", CrmRoles.Rep).GetFromJsonAsync<JsonElement>($"/api/v1/customers/{tenant.Customer}/360");
        Assert.Equal(tenant.Lead, Assert.Single(asOwner.GetProperty("leads").EnumerateArray()).GetProperty("id").GetString());
        var asManager = await api.As(tenant.Id, "mgr-1", CrmRoles.Manager).GetFromJsonAsync<JsonElement>($"/api/v1/customers/{tenant.Customer}/360");
        Assert.Equal(tenant.Lead, Assert.Single(asManager.GetProperty("leads").EnumerateArray()).GetProperty("id").GetString());
    }

    /// <summary>A client for a kind of caller: a token for a role, or requests signed with a new integration key of the tenant.</summary>
    private async Task<HttpClient> CallerAsync(string tenant, string actor)
    {
        if (actor != IntegrationActor)
        {
            var (user, role) = Actors[actor];
            return api.As(tenant, user, role);
        }

        using var admin = api.As(tenant, "admin-1", CrmRoles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/integration-keys", new { source = "matrix-erp" });
        created.EnsureSuccessStatusCode();
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        return api.Signed(key.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoint endpoint, Tenant ids)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), ids.Fill(endpoint.Path));
        request.Content = endpoint.Body switch
        {
            null => endpoint.Method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
            string csv => new StringContent(csv, Encoding.UTF8, "text/csv"),
            var body => new StringContent(ids.Fill(JsonSerializer.Serialize(body, JsonSerializerOptions.Web)), Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The body, except for a live stream (server-sent events), which never ends: its headers are the answer.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? string.Empty : await response.Content.ReadAsStringAsync();

    private async Task<string> ProbeAsync(Tenant tenant, string path)
    {
        using var admin = api.As(tenant.Id, "admin-1", CrmRoles.Admin);
        using var response = await admin.GetAsync(tenant.Fill(path));
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>A fresh tenant: two teams (sup-1 with rep-a, sup-2 with rep-b), a lead owned by rep-a, its customer, a discount request by rep-a, a conversation draft on the lead.</summary>
    private async Task<Tenant> TenantAsync()
    {
        var id = "m" + Guid.NewGuid().ToString("N")[..10];
        using var admin = api.As(id, "admin-1", CrmRoles.Admin);
        (await admin.PutAsJsonAsync("/api/v1/reps/sup-1", new { displayName = "Sup 1" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/reps/sup-2", new { displayName = "Sup 2" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A", supervisorId = "sup-1", groups = new[] { "sales" } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/reps/rep-b", new { displayName = "B", supervisorId = "sup-2", groups = new[] { "sales" } })).EnsureSuccessStatusCode();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = "Dr. Qian " + id;
        var created = await admin.PostAsJsonAsync("/api/v1/leads", new { name, phone, channel = "website_form" });
        created.EnsureSuccessStatusCode();
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>();
        var leadId = lead.GetProperty("id").GetString()!;
        (await admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        var approval = await api.As(id, "rep-a", CrmRoles.Rep).PostAsJsonAsync($"/api/v1/leads/{leadId}/discount-requests", new { percent = 8, reason = "matrix" });
        approval.EnsureSuccessStatusCode();
        var approvalId = (await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var customerId = lead.GetProperty("customerId").GetString()!;
        var ticket = await admin.PostAsJsonAsync("/api/v1/tickets", new { customerId, title = "Probe fault " + id });
        ticket.EnsureSuccessStatusCode();
        var order = await admin.PostAsJsonAsync($"/api/v1/customers/{customerId}/orders", new { number = "SO-0", product = "CT-500", amount = 1000, cost = 700, paymentDueAt = DateTimeOffset.UtcNow.AddDays(30) });
        order.EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/customers/{customerId}/contacts/c0", new { name = "Dr. Qian", role = "head of department", attitude = "watching" })).EnsureSuccessStatusCode();
        var draft = await admin.PostAsJsonAsync($"/api/v1/leads/{leadId}/conversations", new { text = "A: Hello\nQian: We need a CT, budget 2 million\nA: I'll call you tomorrow", repSpeakers = new[] { "A" } });
        draft.EnsureSuccessStatusCode();
        return new Tenant(id, leadId, customerId, approvalId, phone, name,
            (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private sealed record class Tenant(string Id, string Lead, string Customer, string Approval, string Phone, string Name, string Ticket, string Order, string Draft)
    {
        public static readonly string[] Placeholders = ["{lead}", "{customer}", "{approval}", "{ticket}", "{draft}"];

        public string Fill(string text) => text.Replace("{lead}", Lead, StringComparison.Ordinal)
            .Replace("{customer}", Customer, StringComparison.Ordinal)
            .Replace("{approval}", Approval, StringComparison.Ordinal)
            .Replace("{ticket}", Ticket, StringComparison.Ordinal)
            .Replace("{order}", Order, StringComparison.Ordinal)
            .Replace("{draft}", Draft, StringComparison.Ordinal);
    }

    private sealed record class Endpoint(string Method, string Path, object? Body, string[] Allowed, int? Ok, string? Probe)
    {
        public string Name => $"{Method} {Path}";
    }
}
