using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Ctl;

/// <summary>
/// Loads the demo tenant through the public API, as any client would: a supervisor, reps with their expertise, a
/// published rule set taken from the field (S2), and a handful of leads that routing hands out as they arrive. Safe
/// to run again: reps are upserts, the rules are published once, and leads are only added to an empty team.
/// </summary>
public sealed class DemoTenant(HttpClient http, TokenMinter minter, string tenant, TextWriter output)
{
    /// <summary>The demo users: id, display name, role, supervisor.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Role, string? Supervisor)> Users =
    [
        ("sup-wang", "Wang Fang (supervisor)", CrmRoles.Supervisor, null),
        ("rep-li", "Li Na", CrmRoles.Rep, "sup-wang"),
        ("rep-zhang", "Zhang Wei", CrmRoles.Rep, "sup-wang"),
        ("rep-chen", "Chen Jie", CrmRoles.Rep, "sup-wang"),
    ];

    // What each rep knows: Li sells medical devices to hospitals, Zhang sells software to schools and
    // factories, Chen covers both and speaks English.
    private static readonly Dictionary<string, object> Expertise = new(StringComparer.Ordinal)
    {
        ["sup-wang"] = new { groups = new[] { "supervisors" } },
        ["rep-li"] = new
        {
            groups = new[] { "sales", "medical" },
            industries = new[] { "healthcare" },
            institutionLevels = new[] { "class-3 hospital", "class-2 hospital" },
            products = new[] { "orthopedic implants", "ultrasound system" },
            regions = new[] { "Shanghai", "Jiangsu" },
            wins = new object[] { new { industry = "healthcare", institutionLevel = "class-3 hospital", count = 6 } },
        },
        ["rep-zhang"] = new
        {
            groups = new[] { "sales", "software" },
            industries = new[] { "education", "manufacturing" },
            products = new[] { "enrollment SaaS", "MES integration", "trial class booking" },
            languages = new[] { "zh" },
        },
        ["rep-chen"] = new
        {
            groups = new[] { "sales", "software", "medical" },
            industries = new[] { "manufacturing", "healthcare" },
            products = new[] { "MES integration", "ultrasound system" },
            languages = new[] { "zh", "en" },
        },
    };

    private static readonly object Rules = new
    {
        rules = new object[]
        {
            new
            {
                id = "douyin-urgent",
                name = "Douyin DM saying 急: double reminder, 30-minute first touch",
                conditions = new object[]
                {
                    new { field = "channel", @operator = "equals", values = new[] { "douyin_dm" } },
                    new { field = "note", @operator = "containsAny", values = new[] { "急", "urgent" } },
                },
                action = new { target = new { kind = "group", id = "sales" }, urgency = "high", firstTouchSla = "00:30:00", notify = new[] { "sms", "dingTalk" } },
            },
            new
            {
                id = "go-live-urgent",
                name = "Official-account sign-up that must go live: escalate in 2 h",
                conditions = new object[] { new { field = "note", @operator = "containsAny", values = new[] { "急需上线" } } },
                action = new { target = new { kind = "group", id = "software" }, urgency = "high", firstTouchSla = "02:00:00", coAssign = "supervisor", notify = new[] { "sms", "dingTalk" } },
            },
            new
            {
                id = "hospital-top3",
                name = "Class-3 hospitals: the top 3 medical reps",
                conditions = new object[] { new { field = "institutionLevel", @operator = "equals", values = new[] { "class-3 hospital" } } },
                action = new { target = new { kind = "topOfGroup", id = "medical", count = 3 } },
            },
            new
            {
                id = "baidu-manufacturing",
                name = "Baidu ads from manufacturers: the software group",
                conditions = new object[]
                {
                    new { field = "channel", @operator = "equals", values = new[] { "baidu_ads" } },
                    new { field = "industry", @operator = "equals", values = new[] { "manufacturing" } },
                },
                action = new { target = new { kind = "group", id = "software" } },
            },
        },
        fallback = new { target = new { kind = "group", id = "sales" } },
    };

    /// <summary>The demo leads, captured in this order when the team has none (README's example lead must not be one of them).</summary>
    public static readonly IReadOnlyList<(string Name, string Phone, string Channel, string Interest, string? Note, string? Industry, string? Level, string? Region)> Leads =
    [
        ("Dr. Liu (Ruijin Hospital)", "+86 138 0013 8000", "website_form", "orthopedic implants", "budget 800k", "healthcare", "class-3 hospital", "Shanghai"),
        ("Ms. Huang", "139-1234-5678", "douyin_dm", "trial class booking", "急! wants a trial this week", "education", null, null),
        ("Acme Manufacturing", "+4915112345678", "baidu_ads", "MES integration", null, "manufacturing", null, null),
        ("Mr. Zhou", "13700001111", "trade_show_scan", "ultrasound system", "budget 600k", "healthcare", "class-2 hospital", "Jiangsu"),
        ("Bright Future School", "15000002222", "official_account", "enrollment SaaS", "急需上线 before September", "education", null, null),
    ];

    /// <summary>Loads the tenant and prints a token per demo user.</summary>
    public async Task LoadAsync(TimeSpan tokenLifetime, CancellationToken ct)
    {
        Authorize(minter.Mint(tenant, "demo-admin", CrmRoles.Admin, TimeSpan.FromMinutes(10)));
        foreach (var user in Users.Where(u => u.Role is CrmRoles.Supervisor or CrmRoles.Rep))
        {
            var profile = JsonSerializer.SerializeToNode(Expertise[user.Id])!.AsObject();
            profile["displayName"] = user.Name;
            profile["supervisorId"] = user.Supervisor;
            profile["capacity"] = 30;
            var response = await http.PutAsJsonAsync($"api/v1/reps/{user.Id}", profile, ct);
            await EnsureSuccessAsync(response, $"saving rep {user.Id}", ct);
        }

        var rules = await http.GetFromJsonAsync<JsonElement>("api/v1/routing/rules", ct);
        if (rules.GetProperty("activeVersion").ValueKind == JsonValueKind.Null)
        {
            await EnsureSuccessAsync(await http.PutAsJsonAsync("api/v1/routing/rules/draft", Rules, ct), "saving the demo rule set", ct);
            await EnsureSuccessAsync(await http.PostAsync("api/v1/routing/rules/publish", null, ct), "publishing the demo rule set", ct);
            await output.WriteLineAsync("  routing rules published (GET /api/v1/routing/rules)");
        }

        var reps = Users.Where(u => u.Role == CrmRoles.Rep).Select(u => u.Id).ToArray();
        var existing = await Task.WhenAll(reps.Select(r => http.GetFromJsonAsync<JsonElement>($"api/v1/reps/{r}", ct)));
        if (existing.All(r => r.GetProperty("openLeadIds").GetArrayLength() == 0))
        {
            string? firstLead = null;
            foreach (var lead in Leads)
            {
                var created = await http.PostAsJsonAsync(
                    "api/v1/leads",
                    new { name = lead.Name, phone = lead.Phone, channel = lead.Channel, productInterest = lead.Interest, note = lead.Note, industry = lead.Industry, institutionLevel = lead.Level, region = lead.Region },
                    ct);
                await EnsureSuccessAsync(created, $"creating lead {lead.Name}", ct);
                var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
                await output.WriteLineAsync($"  lead {id} ({lead.Name}, {lead.Channel}) -> {await RoutedToAsync(id, ct)}");
                firstLead ??= id;
            }

            await ShowFollowUpAsync(firstLead!, ct);
        }
        else
        {
            await output.WriteLineAsync("  demo leads already present; kept as they are");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"Tokens for tenant '{tenant}' (valid {tokenLifetime.TotalHours:0} h):");
        foreach (var user in Users.Append(("demo-manager", "Demo manager", CrmRoles.Manager, null)).Append(("demo-admin", "Demo admin", CrmRoles.Admin, null)))
        {
            await output.WriteLineAsync($"  {user.Id,-13} {user.Role,-10} {minter.Mint(tenant, user.Id, user.Role, tokenLifetime)}");
        }
    }

    /// <summary>Logs a sent quote on the lead, as its owner would, and prints the deadlines it now carries.</summary>
    private async Task ShowFollowUpAsync(string leadId, CancellationToken ct)
    {
        var activity = new
        {
            type = "quote-sent",
            fields = new { products = "Orthopedic implant set x20", quoteDocument = "Q-2026-0031.pdf" },
            evidence = new[] { new { kind = "email-receipt", @ref = "mail://sent/Q-2026-0031" } },
            tags = new[] { "price-sensitive" },
            nextFollowUpAt = DateTimeOffset.UtcNow.AddDays(2),
        };
        var logged = await http.PostAsJsonAsync($"api/v1/leads/{leadId}/activities", activity, ct);
        await EnsureSuccessAsync(logged, "logging the demo activity", ct);
        var lead = (await logged.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("lead");
        var deadlines = string.Join(", ", lead.GetProperty("deadlines").EnumerateArray()
            .Select(d => $"{d.GetProperty("kind").GetString()} {d.GetProperty("dueAt").GetDateTimeOffset():MM-dd HH:mm}"));
        await output.WriteLineAsync($"  lead {leadId}: quote sent (POST /api/v1/leads/{leadId}/activities), stage {lead.GetProperty("funnel").GetString()}; deadlines (UTC): {deadlines}");

        var advice = await http.GetFromJsonAsync<JsonElement>($"api/v1/leads/{leadId}/next-actions", ct);
        var actions = string.Join("; ", advice.GetProperty("actions").EnumerateArray().Select(a =>
            a.GetProperty("action").GetString() + (a.GetProperty("probability").ValueKind == JsonValueKind.Number ? $" {a.GetProperty("probability").GetDouble():P0}" : string.Empty)));
        var source = advice.GetProperty("source").GetString() == "model"
            ? $"model {advice.GetProperty("modelVersion").GetString()}, win probability {advice.GetProperty("winProbability").GetDouble():P0}"
            : $"rule hints: {advice.GetProperty("fallbackReason").GetString()}";
        await output.WriteLineAsync($"  lead {leadId}: next best actions (GET /api/v1/leads/{leadId}/next-actions, {source}): {actions}");
    }

    /// <summary>Where routing sent the lead (it runs right after intake answers), e.g. "rep-li by rule hospital-top3".</summary>
    private async Task<string> RoutedToAsync(string leadId, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            var response = await http.GetAsync($"api/v1/leads/{leadId}/routing", ct);
            if (response.IsSuccessStatusCode)
            {
                var routing = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                var owner = routing.GetProperty("ownerRepId").GetString() ?? "nobody (no room)";
                return $"{owner} by rule {routing.GetProperty("ruleId").GetString() ?? "fallback"} (why: GET /api/v1/leads/{leadId}/routing)";
            }

            await Task.Delay(50, ct);
        }

        return "not routed yet (see GET /api/v1/leads/{id}/routing)";
    }

    private void Authorize(string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"Failed {what}: {(int)response.StatusCode} {body}");
        }
    }
}
