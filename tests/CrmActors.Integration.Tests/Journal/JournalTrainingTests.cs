using CrmActors.Ctl;
using CrmActors.Database;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.MlModels;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.Silo.Storage;

namespace CrmActors.Integration.Tests.Journal;

/// <summary>The journal in MariaDB: idempotent appends, and training a tenant's models from it with crmctl.</summary>
public sealed class JournalTrainingTests
{
    [Fact]
    public async Task Append_SameEventTwice_IsStoredOnce_AndTenantsStaySeparate()
    {
        await using var db = await MigratedAsync();
        var journal = new MySqlJournal(db.ConnectionString);
        PendingJournalEntry[] rows =
        [
            new("lead-1/act-1", LeadJournalEntry.ActivityEvent, DateTimeOffset.UtcNow, "{}"),
            new("lead-1/act-2", LeadJournalEntry.ActivityEvent, DateTimeOffset.UtcNow, "{}"),
        ];

        await journal.AppendAsync("acme", "lead-1", rows);
        await journal.AppendAsync("acme", "lead-1", rows);
        await journal.AppendAsync("globex", "lead-1", rows[..1]);

        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_journal WHERE tenant = 'acme'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM crm_journal WHERE tenant = 'globex'"));
    }

    [Fact]
    public async Task ReadStream_IsNewestFirst_OneStreamOfOneTenant_AndLimited()
    {
        await using var db = await MigratedAsync();
        var journal = new MySqlJournal(db.ConnectionString);
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 3; i++)
        {
            await journal.AppendAsync("acme", "audit", [new($"audit-{i}", "audit.config", at.AddMinutes(i), $"{{\"n\":{i}}}")]);
        }

        await journal.AppendAsync("acme", "lead-1", [new("lead-1/act-1", LeadJournalEntry.ActivityEvent, at, "{}")]);
        await journal.AppendAsync("globex", "audit", [new("audit-g", "audit.config", at, "{}")]);

        var newest = await journal.ReadStreamAsync("acme", "audit", 2);
        Assert.Equal(["audit-3", "audit-2"], newest.Select(e => e.EventId));
        Assert.Equal(at.AddMinutes(3), newest[0].At);
        Assert.Equal("{\"n\":3}", newest[0].Payload);
        Assert.Equal(3, (await journal.ReadStreamAsync("acme", "audit", 10)).Count);
    }

    [Fact]
    public async Task LastRowAndTrim_TouchOnlyOneStreamOfOneTenant_UpToTheGivenRow()
    {
        await using var db = await MigratedAsync();
        var journal = new MySqlJournal(db.ConnectionString);
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await journal.LastRowAsync("acme", "directory:dir-p-1"));
        for (var i = 1; i <= 3; i++)
        {
            await journal.AppendAsync("acme", "directory:dir-p-1", [new($"directory:dir-p-1:{i}", "directory.batch", at, "{}")]);
        }

        await journal.AppendAsync("acme", "directory:dir-p-2", [new("directory:dir-p-2:1", "directory.batch", at, "{}")]);
        await journal.AppendAsync("globex", "directory:dir-p-1", [new("directory:dir-p-1:1", "directory.batch", at, "{}")]);
        var rows = await journal.ReadStreamAfterAsync("acme", "directory:dir-p-1", 0, 10);
        Assert.Equal(rows[^1].Row, await journal.LastRowAsync("acme", "directory:dir-p-1"));

        await journal.TrimStreamAsync("acme", "directory:dir-p-1", rows[1].Row);

        var left = await journal.ReadStreamAfterAsync("acme", "directory:dir-p-1", 0, 10);
        Assert.Equal(["directory:dir-p-1:3"], left.Select(r => r.Entry.EventId));
        Assert.Equal(rows[^1].Row, await journal.LastRowAsync("acme", "directory:dir-p-1"));
        Assert.Single(await journal.ReadStreamAfterAsync("acme", "directory:dir-p-2", 0, 10));
        Assert.Single(await journal.ReadStreamAfterAsync("globex", "directory:dir-p-1", 0, 10));
    }

    [Fact]
    public async Task Train_FromATenantsJournal_ReadsOnlyThatTenant_AndWritesAModelWithItsReport()
    {
        await using var db = await MigratedAsync();
        var journal = new MySqlJournal(db.ConnectionString);
        var leads = new SalesSimulator(77).Leads(300).Select(l => l.History).ToList();
        foreach (var lead in leads)
        {
            await journal.AppendAsync("acme", lead.LeadId, RowsOf(lead));
        }

        await journal.AppendAsync("globex", "other-lead", RowsOf(new SalesSimulator(78).Leads(1)[0].History));

        var read = await TrainCommand.ReadJournalAsync(db.ConnectionString, "acme");
        Assert.Equal(leads.Count, read.Count);
        var original = leads.Single(l => l.LeadId == read[5].LeadId);
        Assert.Equal(original.Won, read[5].Won);
        Assert.Equal(original.Interactions.Select(i => (i.Action, i.At.ToUnixTimeMilliseconds())), read[5].Interactions.Select(i => (i.Action, i.At.ToUnixTimeMilliseconds())));
        Assert.Equal(original.Profile with { CreatedAt = default }, read[5].Profile with { CreatedAt = default });

        var output = Path.Combine(Path.GetTempPath(), "crm-journal-models-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var console = new StringWriter();
            Assert.Equal(0, await Commands.RunAsync(["train", "--source", "journal", "--tenant", "acme", "--connection", db.ConnectionString, "--out", output], console, console));

            var version = File.ReadAllText(Path.Combine(output, "current")).Trim();
            Assert.StartsWith($"v{LeadFeatures.SchemaVersion}-acme-", version, StringComparison.Ordinal);
            var report = File.ReadAllText(Path.Combine(output, version, "REPORT.md"));
            Assert.Contains("journal of tenant acme, held out by time from", report, StringComparison.Ordinal);
            Assert.DoesNotContain("oracle", report, StringComparison.Ordinal);
            Assert.Contains("300 leads", console.ToString(), StringComparison.Ordinal);

            // The concern model is fitted from the journal's signals too: the tags survive the round trip, so a worried
            // customer's rate stands well above the noise.
            var price = LoadedModels.Load(Path.Combine(output, version)).CreatePredictor().Concerns!.Parameters.Concerns[0];
            Assert.True(price.Rates[0] > 3 * price.Noise, $"price: worried {price.Rates[0]:0.000}, noise {price.Noise:0.000}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Train_EmptyJournal_FailsWithAClearMessage()
    {
        await using var db = await MigratedAsync();
        using var console = new StringWriter();

        var exit = await Commands.RunAsync(["train", "--source", "journal", "--tenant", "nobody", "--connection", db.ConnectionString, "--out", Path.GetTempPath()], console, console);

        Assert.Equal(1, exit);
        Assert.Contains("too few leads", console.ToString(), StringComparison.Ordinal);
    }

    private static async Task<ThrowawayDatabase> MigratedAsync()
    {
        var db = await TestDatabase.CreateThrowawayDatabaseAsync("jrn");
        await new SchemaMigrator(db.ConnectionString).MigrateAsync(CancellationToken.None);
        return db;
    }

    /// <summary>A simulated lead's history as the lead grain journals it.</summary>
    private static PendingJournalEntry[] RowsOf(LeadHistory lead)
    {
        var p = lead.Profile;
        var rows = lead.Interactions.Select((i, n) => new PendingJournalEntry(
            $"{lead.LeadId}/act-{n}",
            LeadJournalEntry.ActivityEvent,
            i.At,
            new LeadJournalEntry(p.Industry, p.Channel, p.BudgetBand, p.Quality, p.CreatedAt, "call", i.Action, i.Tags, i.Text, null).ToJson())).ToList();
        if (lead.Won is { } won)
        {
            rows.Add(new PendingJournalEntry($"{lead.LeadId}/outcome", LeadJournalEntry.OutcomeEvent, lead.Interactions[^1].At.AddDays(1),
                new LeadJournalEntry(p.Industry, p.Channel, p.BudgetBand, p.Quality, p.CreatedAt, null, null, [], string.Empty, won).ToJson()));
        }

        return [.. rows];
    }
}
