using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Ctl;

/// <summary>
/// Loads the demo tenant through the public API, as any client would: a supervisor, reps, and a handful
/// of leads given to them. Safe to run again: reps are upserts and leads are only added to an empty team.
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

    private static readonly (string Name, string Phone, string Channel, string Interest, string? Note)[] Leads =
    [
        ("Dr. Liu (Ruijin Hospital)", "+86 138 0013 8000", "website_form", "orthopedic implants", "class-3 hospital, budget 800k"),
        ("Ms. Huang", "139-1234-5678", "douyin_dm", "trial class booking", "急! wants a trial this week"),
        ("Acme Manufacturing", "+4915112345678", "baidu_ads", "MES integration", null),
        ("Mr. Zhou", "13700001111", "trade_show_scan", "ultrasound system", "budget 600k"),
        ("Bright Future School", "15000002222", "official_account", "enrollment SaaS", "急需上线 before September"),
    ];

    /// <summary>Loads the tenant and prints a token per demo user.</summary>
    public async Task LoadAsync(TimeSpan tokenLifetime, CancellationToken ct)
    {
        Authorize(minter.Mint(tenant, "demo-admin", CrmRoles.Admin, TimeSpan.FromMinutes(10)));
        foreach (var user in Users.Where(u => u.Role is CrmRoles.Supervisor or CrmRoles.Rep))
        {
            var response = await http.PutAsJsonAsync($"api/v1/reps/{user.Id}", new { displayName = user.Name, supervisorId = user.Supervisor, capacity = 30, active = true }, ct);
            await EnsureSuccessAsync(response, $"saving rep {user.Id}", ct);
        }

        var reps = Users.Where(u => u.Role == CrmRoles.Rep).Select(u => u.Id).ToArray();
        var existing = await http.GetFromJsonAsync<JsonElement>($"api/v1/reps/{reps[0]}", ct);
        if (existing.GetProperty("openLeadIds").GetArrayLength() == 0)
        {
            for (var i = 0; i < Leads.Length; i++)
            {
                var lead = Leads[i];
                var created = await http.PostAsJsonAsync("api/v1/leads", new { name = lead.Name, phone = lead.Phone, channel = lead.Channel, productInterest = lead.Interest, note = lead.Note }, ct);
                await EnsureSuccessAsync(created, $"creating lead {lead.Name}", ct);
                var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
                var assigned = await http.PostAsJsonAsync($"api/v1/leads/{id}/assignment", new { repId = reps[i % reps.Length] }, ct);
                await EnsureSuccessAsync(assigned, $"assigning lead {id}", ct);
                await output.WriteLineAsync($"  lead {id} ({lead.Name}, {lead.Channel}) -> {reps[i % reps.Length]}");
            }
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
