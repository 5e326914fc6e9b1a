using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Integration.Tests.Processes;
using MySqlConnector;
using Xunit.Abstractions;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// The bad-input corpus against a silo process, a web API process and MariaDB: no request gets a 5xx, a refused one
/// changes nothing in the database, and markup stored as lead names stays inert text in the dashboard (headless Chromium).
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Fault")]
public sealed class BadInputFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_ZeroServerErrors_RefusedRequestsWriteNothing_InjectedNamesStayInertInTheDashboard()
    {
        var report = new FaultReport("bad-input", output);
        await using var deployment = await Deployment.CreateAsync();
        await deployment.StartSiloAsync(settings: new Dictionary<string, string> { ["Crm__Reps__WriteEvery"] = RepWriteEvery.ToString() });
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, "acme", "admin-1", CrmRoles.Admin);
        using var other = deployment.Client(api, "globex", "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-x", new { displayName = "X", groups = new[] { "sales" }, capacity = 10_000 });

        // A live rule set: an accepted lead is routed right after its answer. Without one, each accepted capture's
        // customer retries routing on its wake-up seconds later, a write the check below would blame on a later request.
        await Api.PutAsync(admin, "api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } });
        await Api.PostAsync(admin, "api/v1/routing/rules/publish", new { });
        var lead = await Api.PostAsync(admin, "api/v1/leads", new { name = "Acme lead", phone = "13912340000", channel = "website_form" });
        await Api.PostAsync(admin, $"api/v1/leads/{lead.GetProperty("id").GetString()}/assignment", new { repId = "rep-x" });
        var otherLead = await Api.PostAsync(other, "api/v1/leads", new { name = "Globex secret lead", phone = "13912340001", channel = "website_form" });
        var otherTicket = await Api.PostAsync(other, "api/v1/tickets", new { customerId = otherLead.GetProperty("customerId").GetString(), title = "Globex ticket" });
        // What the setup's accepted requests set off (the rep's timed write of the lead it took in memory) lands before
        // the first refused request, as it does after each accepted request of the corpus.
        await SettleAsync(deployment);
        var corpus = BadInputCorpus.Build(
            lead.GetProperty("id").GetString()!, lead.GetProperty("customerId").GetString()!,
            otherLead.GetProperty("id").GetString()!, otherLead.GetProperty("customerId").GetString()!, otherTicket.GetProperty("id").GetString()!);

        var byStatus = new SortedDictionary<int, int>();
        var serverErrors = new List<string>();
        var partialWrites = new List<string>();
        var leaks = new List<string>();
        var accepted = 0;
        var backgroundFlushes = 0;
        DatabaseRows? after = null;
        foreach (var request in corpus)
        {
            // What a refused request left is what the next one starts from; an accepted one settles and is read again.
            var before = after ?? await DatabaseRows.ReadAsync(deployment.ConnectionString);
            after = null;
            using var message = new HttpRequestMessage(request.Method, request.Path.TrimStart('/')) { Content = BadInputCorpus.Content(request) };
            foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await admin.SendAsync(message);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                serverErrors.Add($"{request.Category} {request.Name}: {request.Method} {request.Path} -> {status} {body[..Math.Min(300, body.Length)]}");
            }

            if (body.Contains("Globex", StringComparison.Ordinal))
            {
                leaks.Add($"{request.Category} {request.Name}");
            }

            if (status is >= 200 and < 300)
            {
                accepted++;
                await SettleAsync(deployment);
                continue;
            }

            // A refused request must change no row. The directory's timed flush of entries that earlier accepted
            // requests filed may land meanwhile; it is told apart by what it changed, and only when nothing else did.
            after = await DatabaseRows.ReadAsync(deployment.ConnectionString);
            var changes = after.ChangesSince(before);
            if (changes.Count > 0 && changes.All(c => c.IsDirectoryFlush))
            {
                backgroundFlushes++;
            }
            else if (changes.Count > 0)
            {
                partialWrites.Add($"{request.Category} {request.Name}: {request.Method} {request.Path} -> {status}; changed {string.Join("; ", changes)}");
            }
        }

        // The markup and injection strings, stored as lead names of a tenant, then shown by the dashboard.
        using var inert = deployment.Client(api, "inert", "admin-1", CrmRoles.Admin);
        for (var i = 0; i < BadInputCorpus.InjectionNames.Count; i++)
        {
            await Api.PostAsync(inert, "api/v1/leads", new { name = BadInputCorpus.InjectionNames[i], phone = $"1360000{i:D4}", channel = "website_form", note = BadInputCorpus.InjectionNames[i] });
        }

        var browser = await DashboardAsync(deployment, api);

        report.Line($"corpus: {corpus.Count} requests in {corpus.Select(c => c.Category).Distinct().Count()} categories ({string.Join(", ", corpus.GroupBy(c => c.Category).Select(g => $"{g.Key} {g.Count()}"))})");
        report.Line($"answers by status: {string.Join(", ", byStatus.Select(s => $"{s.Key}={s.Value}"))}");
        report.Line($"5xx: {serverErrors.Count}; refused requests that changed the database: {partialWrites.Count} (directory flushes of earlier filings seen meanwhile: {backgroundFlushes}); accepted (valid despite the look): {accepted}; answers naming the other tenant's data: {leaks.Count}");
        report.Line($"dashboard: {browser.GetProperty("shown").GetInt32()} of {BadInputCorpus.InjectionNames.Count} injected names shown as text, script ran: {browser.GetProperty("pwned").GetBoolean()}, dialogs: {browser.GetProperty("dialogs").GetInt32()}, script elements: {browser.GetProperty("scripts").GetInt32()}");
        await report.SaveAsync();
        if (serverErrors.Count > 0 || partialWrites.Count > 0)
        {
            output.WriteLine(string.Join("\n", serverErrors.Concat(partialWrites)));
            output.WriteLine(deployment.Logs());
        }

        Assert.True(corpus.Count >= 500, $"the corpus has only {corpus.Count} requests");
        Assert.Empty(serverErrors);
        Assert.Empty(partialWrites);
        Assert.Empty(leaks);
        Assert.Equal(BadInputCorpus.InjectionNames.Count, browser.GetProperty("shown").GetInt32());
        Assert.False(browser.GetProperty("pwned").GetBoolean());
        Assert.Equal(0, browser.GetProperty("dialogs").GetInt32());
        Assert.Equal(2, browser.GetProperty("scripts").GetInt32());
        Assert.Equal(0, browser.GetProperty("pageErrors").GetArrayLength());
    }

    /// <summary>Rows and versions of every actor's state, journal rows and reminders, as one string (to see when writes stop).</summary>
    private static async Task<string> FingerprintAsync(Deployment deployment)
    {
        await using var connection = new MySqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT CONCAT((SELECT COUNT(*) FROM crm_grain_state), '/', (SELECT COALESCE(SUM(version), 0) FROM crm_grain_state), '/', " +
            "(SELECT COUNT(*) FROM crm_journal), '/', (SELECT COUNT(*) FROM OrleansRemindersTable))",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>After an accepted request, waits until what it set off (routing, journal outbox) has been written.</summary>
    // The reps' timed write, shortened so the settling after each accepted request stays short.
    private static readonly TimeSpan RepWriteEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until the database has been still for longer than any timed write an accepted request can cause: a rep
    /// writes the hand-overs it took in memory within <see cref="RepWriteEvery"/> (the directory's shards flush later,
    /// and are told apart by what they change).
    /// </summary>
    private static async Task SettleAsync(Deployment deployment)
    {
        var quiet = RepWriteEvery + TimeSpan.FromMilliseconds(500);
        var last = await FingerprintAsync(deployment);
        var stillSince = DateTimeOffset.UtcNow;
        for (var i = 0; i < 200 && DateTimeOffset.UtcNow - stillSince < quiet; i++)
        {
            await Task.Delay(150);
            var now = await FingerprintAsync(deployment);
            if (now != last)
            {
                stillSince = DateTimeOffset.UtcNow;
                last = now;
            }
        }
    }

    private static async Task<JsonElement> DashboardAsync(Deployment deployment, HostProcess api)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "browser", "dashboard.mjs");
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: apt-get install chromium (scripts/test.sh does).");
        var names = Path.Combine(Path.GetTempPath(), $"crm-inert-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(names, JsonSerializer.Serialize(BadInputCorpus.InjectionNames));
        var token = deployment.Minter.Mint("inert", "mgr-1", CrmRoles.Manager, TimeSpan.FromHours(1));
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "node", [script, "--api", api.HttpBase.ToString(), "--token", token, "--out", Path.GetTempPath(), "--chromium", chromium, "--inert-names", names], TimeSpan.FromMinutes(3));
        File.Delete(names);
        Assert.True(exit == 0, $"the browser check failed ({exit}): {stderr}\n{stdout}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
