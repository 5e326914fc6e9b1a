using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh on a live system: leads are captured while the backup runs; the backup
/// restored into a new database and started as the same service holds every lead acknowledged before it began and
/// none sent after it ended, and every deadline armed before it fires there exactly once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class BackupRestoreProcessTests
{
    private const string Tenant = "acme";
    private const int Armed = 8;

    [Fact]
    public async Task Backup_TakenUnderLoad_RestoresEveryLeadAcknowledgedBeforeIt_NothingAfter_AndFiresEachArmedDeadlineOnce()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-backup-{Guid.NewGuid():N}.sql.gz");
        var before = new List<(string Id, string? Owner)>();
        var load = new ConcurrentBag<(string Id, long SentAt, long AckedAt)>();
        long backupStarted, backupEnded;
        string serviceId;
        try
        {
            await using (var original = await Deployment.CreateAsync())
            {
                serviceId = original.ServiceId;
                await original.StartSiloAsync();
                var api = await original.StartApiAsync();
                using var admin = original.Client(api, Tenant, "admin-1", CrmRoles.Admin);
                await Api.PutAsync(admin, "api/v1/reps/sup-wang", new { displayName = "Wang" });
                await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li", supervisorId = "sup-wang", groups = new[] { "sales" } });
                await Api.PutAsync(admin, "api/v1/reps/rep-wu", new { displayName = "Wu", supervisorId = "sup-wang" });
                await Api.PutAsync(admin, "api/v1/routing/rules/draft", new { rules = Array.Empty<object>(), fallback = new { target = new { kind = "group", id = "sales" } } });
                await Api.PostAsync(admin, "api/v1/routing/rules/publish", new { });

                // Armed: handed to Wu with a first touch due in 40 s, after the backup and while the restored system runs.
                for (var i = 0; i < Armed; i++)
                {
                    var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = $"Armed {i}", phone = $"1391000{i:D4}", channel = "douyin_dm" })).GetProperty("id").GetString()!;
                    await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-wu", firstTouchWithinSeconds = 40 });
                    before.Add((id, "rep-wu"));
                }

                // Leads keep coming in (two clients) before, during and after the backup.
                using var stop = new CancellationTokenSource();
                var next = 0;
                var clients = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref next);
                        var sent = Stopwatch.GetTimestamp();
                        var lead = await Api.PostAsync(admin, "api/v1/leads", new { name = $"Load {n}", phone = $"1382000{n:D4}", channel = "website_form" });
                        load.Add((lead.GetProperty("id").GetString()!, sent, Stopwatch.GetTimestamp()));
                    }
                })).ToList();
                await Until(() => load.Count >= 20, "leads before the backup");

                backupStarted = Stopwatch.GetTimestamp();
                var backup = await RunScriptAsync("backup.sh", "--connection", original.ConnectionString, "--out", file);
                backupEnded = Stopwatch.GetTimestamp();
                var countAtEnd = load.Count;
                await Until(() => load.Count >= countAtEnd + 20, "leads after the backup");
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                Assert.True(backup.ExitCode == 0, backup.Output);
            }

            await using var restored = await Deployment.CreateRestoredAsync(serviceId, async cs =>
            {
                var restore = await RunScriptAsync("restore.sh", "--from", file, "--connection", cs);
                Assert.True(restore.ExitCode == 0, restore.Output);
            });
            await restored.StartSiloAsync();
            var restoredApi = await restored.StartApiAsync();
            using var reader = restored.Client(restoredApi, Tenant, "admin-1", CrmRoles.Admin);

            var acknowledgedBefore = load.Where(l => l.AckedAt < backupStarted).Select(l => l.Id).ToList();
            var sentAfter = load.Where(l => l.SentAt > backupEnded).Select(l => l.Id).ToList();
            Assert.NotEmpty(acknowledgedBefore);
            Assert.NotEmpty(sentAfter);
            foreach (var id in acknowledgedBefore)
            {
                var lead = await Api.GetAsync(reader, $"api/v1/leads/{id}");
                Assert.Equal("rep-li", lead.GetProperty("ownerRepId").GetString());
            }

            foreach (var id in sentAfter)
            {
                using var response = await reader.GetAsync(new Uri($"api/v1/leads/{id}", UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{id}, sent after the backup ended, is in the restored system ({(int)response.StatusCode})");
            }

            // Every armed deadline fires in the restored system, once: one overdue event per lead, one alert each.
            foreach (var (id, owner) in before)
            {
                var lead = await Api.UntilAsync(() => Api.GetAsync(reader, $"api/v1/leads/{id}"), l => l.GetProperty("overdueAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(120), $"{id}'s first-touch deadline");
                Assert.Equal(owner, lead.GetProperty("ownerRepId").GetString());
                Assert.Single(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "first-touch-overdue");
            }

            var inbox = await Api.UntilAsync(() => Api.GetAsync(reader, "api/v1/reps/sup-wang/inbox"), i => i.GetArrayLength() >= Armed, TimeSpan.FromSeconds(30), "the supervisor's alerts");
            Assert.Equal(before.Select(b => b.Id).Order(), inbox.EnumerateArray().Select(i => i.GetProperty("leadId").GetString()!).Order());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task Until(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{script}: {await output}{await error}");
    }
}
