using CrmActors.GrainInterfaces.Security;
using CrmActors.Integration.Tests.Faults;
using CrmActors.Integration.Tests.Processes;
using Xunit.Abstractions;

namespace CrmActors.Integration.Tests.Upgrade;

/// <summary>
/// A rolling upgrade and its rollback under intake load, with real processes on one MariaDB: the checkout's build (N)
/// and a build the test makes with changed grain state (N+1, <see cref="NextVersionBuild"/>) run in one cluster, the
/// load moves from N to N+1 and back while the web API keeps answering, so each version reads rows the other wrote
/// (N+1 alone after N left; N alone again after N+1 left) and grains of both versions call each other in between.
/// </summary>
[Collection(ProcessCollection.Name)]
[Trait("Category", "Upgrade")]
public sealed class RollingUpgradeTests(ITestOutputHelper output)
{
    private const string Tenant = "acme";
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(48);

    [Fact]
    public async Task UpgradeThenRollBack_UnderLoad_BothVersionsReadEachOthersState_AndNothingIsLost()
    {
        var report = new FaultReport("rolling-upgrade", output);
        var next = await NextVersionBuild.SiloFolderAsync();
        await using var deployment = await Deployment.CreateAsync();
        var oldSilo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await IntakeLoad.RouteToRoomyTeamAsync(admin);

        var load = new IntakeLoad(admin, "upgrade");
        var run = load.RunAsync(workers: 8, Load, grace: TimeSpan.FromSeconds(60));

        // Each lead is read once soon after its capture, so its actor starts and writes its own row on whichever
        // version hosts it at that moment (without a read it would start only at its first deadline, after the run).
        var readAt = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        var reading = Task.Run(async () =>
        {
            var read = new HashSet<string>(StringComparer.Ordinal);
            while (!run.IsCompleted)
            {
                foreach (var ack in load.AcknowledgedByKey.Values.Where(a => !read.Contains(a.LeadId)).ToList())
                {
                    read.Add(ack.LeadId);
                    using var response = await admin.GetAsync(new Uri($"api/v1/leads/{ack.LeadId}", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        readAt.Add(load.Elapsed);
                    }
                }

                await Task.Delay(100);
            }
        });
        var steps = new List<(string What, TimeSpan At)>();
        async Task StepAsync(TimeSpan at, string what, Func<Task> step)
        {
            if (at > load.Elapsed)
            {
                await Task.Delay(at - load.Elapsed);
            }

            await step();
            steps.Add((what, load.Elapsed));
        }

        SiloProcess? newSilo = null;
        SiloProcess? oldAgain = null;
        var exits = new List<bool>();
        var migrated = string.Empty;
        await StepAsync(TimeSpan.FromSeconds(4), "N+1's schema applied with its crmctl while N serves (expansion)", async () =>
        {
            var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
                "dotnet", [await NextVersionBuild.CrmctlAsync(), "db", "migrate", "--connection", deployment.ConnectionString], TimeSpan.FromMinutes(2));
            migrated = $"exit {exit}: {stdout.Trim().Split('\n')[^1]} {stderr.Trim()}".Trim();
        });
        await StepAsync(TimeSpan.FromSeconds(8), "N+1 silo started and joined (N and N+1 side by side)", async () => newSilo = await deployment.StartSiloAsync(siloFolder: next));
        await StepAsync(TimeSpan.FromSeconds(18), "N silo stopped with SIGTERM (N+1 alone)", async () => exits.Add(await oldSilo.Process.TerminateAsync(TimeSpan.FromSeconds(45))));
        await StepAsync(TimeSpan.FromSeconds(28), "N silo started again, rolling back (side by side)", async () => oldAgain = await deployment.StartSiloAsync());
        await StepAsync(TimeSpan.FromSeconds(38), "N+1 silo stopped with SIGTERM (N alone)", async () => exits.Add(await newSilo!.Process.TerminateAsync(TimeSpan.FromSeconds(45))));
        await run;
        await reading;

        // Read back on N alone: the customers and leads N+1 captured are read from rows N+1 wrote.
        var acknowledged = load.AcknowledgedByKey.Values.ToList();
        var missing = await load.MissingAsync(admin);
        var (leadRows, customerRows) = await load.StoredRowsAsync(deployment);
        var distinctIds = load.DistinctLeadIds;
        var nextAlone = (From: steps[2].At, To: steps[3].At);
        var capturedByNextAlone = acknowledged.Count(a => a.At > nextAlone.From && a.At < nextAlone.To);
        var startedByNextAlone = readAt.Count(t => t > nextAlone.From && t < nextAlone.To);

        foreach (var (what, at) in steps)
        {
            report.Line($"{at.TotalSeconds:0.0}s {what}");
        }

        report.Line($"N+1 differs from N in grain state: {NextVersionBuild.Summary}; and ships migration {NextVersionBuild.Migration} ({migrated})");
        report.Statuses(load.Statuses);
        report.Line($"submitted {load.Submitted}, acknowledged {acknowledged.Count} ({capturedByNextAlone} while N+1 ran alone, {startedByNextAlone} leads' actors started then), not acknowledged {load.Unacknowledged}, retries {load.Retries}");
        report.Line($"found through the API on N after the rollback: {acknowledged.Count - missing.Count} of {acknowledged.Count}; rows: leads {leadRows}, customers {customerRows}; duplicates {leadRows - distinctIds + customerRows - distinctIds}; leads left unassigned {load.Unassigned}");
        report.Line($"read back in {load.ReadBackTime.TotalSeconds:0.0} s, {IntakeLoad.Readers} at a time");
        report.Line($"server errors other than 503: {load.ServerErrorsOtherThan503}; silos stopped within their grace: {string.Join(", ", exits)}");
        await report.SaveAsync();
        if (missing.Count > 0 || load.ServerErrorsOtherThan503 > 0)
        {
            output.WriteLine(string.Join("\n", missing.Take(3)));
            output.WriteLine(deployment.Logs());
        }

        Assert.Equal($"exit 0: applied {NextVersionBuild.Migration}", migrated);
        Assert.Equal(1, await deployment.CountAsync($"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'crm_journal' AND column_name = 'upgrade_note'"));
        Assert.NotNull(oldAgain);
        Assert.All(exits, Assert.True);
        Assert.True(capturedByNextAlone > 0 && startedByNextAlone > 0, "no customer or lead was written while N+1 ran alone: the run proves nothing about N reading N+1's rows");
        Assert.Equal(0, load.Unacknowledged);
        Assert.Equal(0, load.ServerErrorsOtherThan503);
        Assert.Empty(missing);
        Assert.Equal(acknowledged.Count, distinctIds);
        Assert.Equal(0, load.Unassigned);
        Assert.Equal(distinctIds, leadRows);
        Assert.Equal(distinctIds, customerRows);
    }
}
