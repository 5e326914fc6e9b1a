using CrmActors.MlModels;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Training;
using MySqlConnector;

namespace CrmActors.Ctl;

/// <summary><c>crmctl train</c>: trains, evaluates and writes a model version (ml-models/README.md).</summary>
public static class TrainCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task RunAsync(CommandLine options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var seed = options.PositiveInt("seed", 42);
        var root = Path.GetFullPath(options.Get("out", "CRM_MODELS", "ml-models/models")!);
        var source = options.Get("source", fallback: "simulator");
        TrainingInput input;
        switch (source)
        {
            case "simulator":
                input = TrainingInput.Simulated(seed, options.PositiveInt("leads", 15_500), options.PositiveInt("held-out", 3_000));
                break;
            case "journal":
                var tenant = options.Require("tenant");
                var leads = await ReadJournalAsync(options.Require("connection", "CRM_DB_CONNECTION"), tenant);
                var (training, heldOut, from) = TimeSplit.Split(leads);
                await output.WriteLineAsync($"journal of tenant '{tenant}': {leads.Count} leads ({leads.Count(l => l.Won is not null)} closed)");
                if (training.Count == 0 || heldOut.Count == 0)
                {
                    throw new InvalidOperationException($"The journal of tenant '{tenant}' has too few leads to train and hold some out ({leads.Count}).");
                }

                input = new TrainingInput($"journal of tenant {tenant}, held out by time from {from:yyyy-MM-dd HH:mm}Z", TenantTraining.Tag(tenant), training, heldOut, Oracle: null);
                break;
            default:
                throw new ArgumentException($"--source must be simulator or journal, not '{source}'.");
        }

        var progress = new ConsoleProgress(output);
        var (report, directory, time) = TrainingRun.Run(input, root, seed, progress: progress);
        await output.WriteLineAsync($"model {report.Manifest.Version}: next action top-1 {report.Evaluation.ModelActions.Top1:0.000}, scoring AUC {report.Evaluation.ModelScore.Auc:0.000}; trained in {time.TotalSeconds:0.0} s");
        await output.WriteLineAsync($"report: {Path.Combine(directory, "REPORT.md")}; serving now points at it ({Path.Combine(root, "current")})");
    }

    /// <summary>Reads a tenant's lead events from <c>crm_journal</c>.</summary>
    public static async Task<IReadOnlyList<LeadHistory>> ReadJournalAsync(string connectionString, string tenant)
    {
        var rows = new List<JournalRow>();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT stream, event_type, occurred_at, payload FROM crm_journal WHERE tenant = @tenant AND event_type IN (@a, @s, @o) ORDER BY id",
            connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@a", LeadJournalEntry.ActivityEvent);
        command.Parameters.AddWithValue("@s", LeadJournalEntry.SignalEvent);
        command.Parameters.AddWithValue("@o", LeadJournalEntry.OutcomeEvent);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var at = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            rows.Add(new JournalRow(reader.GetString(0), reader.GetString(1), new DateTimeOffset(at), reader.GetString(3)));
        }

        return JournalHistories.Build(rows);
    }
}
