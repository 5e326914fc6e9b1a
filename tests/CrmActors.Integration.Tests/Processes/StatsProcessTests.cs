using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using MySqlConnector;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>The live statistics across a silo crash: stored in MariaDB, reloaded, and in agreement with the journal.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StatsProcessTests
{
    private const string Tenant = "acme";

    // The numbers a restart must not change: not the rates per minute, and of the longest wait for an owner (which
    // grows with the clock while the lead waits) only how many leads wait.
    private static IEnumerable<(string, double?, int)> Numbers(JsonElement view) => view.GetProperty("metrics").EnumerateArray()
        .Where(m => m.GetProperty("unit").GetString() != "per-minute")
        .Select(m => (
            m.GetProperty("id").GetString()!,
            m.GetProperty("id").GetString() != "unassigned-longest-wait" && m.GetProperty("value").ValueKind == JsonValueKind.Number ? m.GetProperty("value").GetDouble() : (double?)null,
            m.GetProperty("count").GetInt32()));

    private static int Count(JsonElement view, string metric) =>
        view.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == metric).GetProperty("count").GetInt32();

    [Fact]
    public async Task Stats_SiloKilledAndRestarted_AreReloadedUnchanged_AndAgreeWithTheJournal()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li" });
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = $"Lead {i}", phone = $"1391234000{i}", channel = "website_form", company = i % 2 == 0 ? "Acme" : null, productInterest = "implants" })).GetProperty("id").GetString()!;
            ids.Add(id);
        }

        foreach (var id in ids.Take(4))
        {
            await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-li" });
        }

        await Api.PostAsync(admin, $"api/v1/leads/{ids[0]}/activities", new { type = "call", fields = new { outcome = "interested" }, evidence = new[] { new { kind = "recording", @ref = "rec-1" } } });
        await Api.PostAsync(admin, $"api/v1/leads/{ids[1]}/activities", new { type = "call", fields = new { outcome = "call back later" } });

        var before = await Api.UntilAsync(() => Api.GetAsync(admin, "api/v1/stats"), v => Count(v, "leads-in-per-minute") == 6 && Count(v, "evidence-rate") == 2, TimeSpan.FromSeconds(30), "the statistics to count every lead and activity");

        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);
        var after = await Api.UntilAsync(() => Api.GetAsync(admin, "api/v1/stats"), _ => true, TimeSpan.FromSeconds(60), "the statistics after the restart");

        Assert.Equal(Numbers(before), Numbers(after));
        Assert.Equal(2, after.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "unassigned").GetProperty("value").GetDouble());
        Assert.Equal(50.0, after.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "evidence-rate").GetProperty("value").GetDouble());

        // The journal, written by the leads independently of the statistics, tells the same story.
        await using var connection = new MySqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM crm_journal WHERE tenant = @t AND event_type = 'lead.activity'", connection);
        command.Parameters.AddWithValue("@t", Tenant);
        Assert.Equal((long)Count(after, "evidence-rate"), (long)(await command.ExecuteScalarAsync())!);
        await using var stored = new MySqlCommand("SELECT COUNT(*) FROM crm_lead_figures WHERE tenant = @t", connection);
        stored.Parameters.AddWithValue("@t", Tenant);
        Assert.Equal(6L, (long)(await stored.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Stats_SiloKilledBeforeItsFeedFlushed_AreResentByTheLeadsAfterTheRestart()
    {
        await using var deployment = await Deployment.CreateAsync();

        // The first silo never flushes on its own: everything it was fed dies with it.
        var silo = await deployment.StartSiloAsync(settings: new Dictionary<string, string> { ["Stats__FlushInterval"] = "01:00:00" });
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li" });
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await Api.PostAsync(admin, "api/v1/leads", new { name = $"Lead {i}", phone = $"1391235000{i}", channel = "website_form" })).GetProperty("id").GetString()!);
        }

        await Api.PostAsync(admin, $"api/v1/leads/{ids[0]}/assignment", new { repId = "rep-li" });
        await Api.PostAsync(admin, $"api/v1/leads/{ids[0]}/activities", new { type = "call", fields = new { outcome = "interested" } });
        Assert.Equal(0, Count(await Api.GetAsync(admin, "api/v1/stats"), "leads-in-per-minute"));

        await silo.Process.KillAsync();
        await deployment.StartSiloAsync(silo.Ports);

        var after = await Api.UntilAsync(
            () => Api.GetAsync(admin, "api/v1/stats"), v => Count(v, "leads-in-per-minute") == 4 && Count(v, "evidence-rate") == 1, TimeSpan.FromSeconds(90), "the leads to resend their figures");
        Assert.Equal(3, after.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "unassigned").GetProperty("value").GetDouble());
    }
}
