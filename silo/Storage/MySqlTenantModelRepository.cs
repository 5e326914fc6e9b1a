using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.NextActions;
using CrmActors.MlModels.Journal;
using MySqlConnector;

namespace CrmActors.Silo.Storage;

/// <summary>
/// Tenants' models in <c>crm_tenant_models</c> and <c>crm_tenant_model_current</c> (migration 0012), their training data
/// in <c>crm_journal</c>. A version is written once (a retraining on the same data gives the same version, kept as it was)
/// and made current in the same transaction.
/// </summary>
public sealed class MySqlTenantModelRepository(string connectionString) : ITenantModelRepository
{
    /// <inheritdoc />
    public async Task SaveAsync(string tenant, StoredTenantModel model, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new MySqlCommand(
            """
            INSERT IGNORE INTO crm_tenant_models (tenant, version, created_at, closed_leads, next_action_zip, scoring_zip, practice_zip, manifest, report, summary)
            VALUES (@tenant, @version, @at, @closed, @next, @scoring, @practice, @manifest, @report, @summary)
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("@tenant", tenant);
            insert.Parameters.AddWithValue("@version", model.Version);
            insert.Parameters.AddWithValue("@at", model.CreatedAt.UtcDateTime);
            insert.Parameters.AddWithValue("@closed", model.ClosedLeads);
            insert.Parameters.AddWithValue("@next", model.NextActionZip);
            insert.Parameters.AddWithValue("@scoring", model.ScoringZip);
            insert.Parameters.AddWithValue("@practice", model.PracticeZip);
            insert.Parameters.AddWithValue("@manifest", model.Manifest);
            insert.Parameters.AddWithValue("@report", model.Report);
            insert.Parameters.AddWithValue("@summary", StoredTenantModel.SummaryJson(model.Summary));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await SetCurrentAsync(connection, transaction, tenant, model.Version, by, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> ReadCurrentVersionAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT version FROM crm_tenant_model_current WHERE tenant = @tenant", connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async Task<StoredTenantModel?> ReadAsync(string tenant, string version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT created_at, closed_leads, next_action_zip, scoring_zip, practice_zip, manifest, report, summary FROM crm_tenant_models WHERE tenant = @tenant AND version = @version",
            connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredTenantModel(
            version,
            Utc(reader.GetDateTime(0)),
            reader.GetInt32(1),
            (byte[])reader.GetValue(2),
            (byte[])reader.GetValue(3),
            (byte[])reader.GetValue(4),
            reader.GetString(5),
            reader.GetString(6),
            StoredTenantModel.ReadSummary(reader.GetString(7)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantModelSummary>> ListAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT summary FROM crm_tenant_models WHERE tenant = @tenant ORDER BY created_at DESC, version DESC", connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        var summaries = new List<TenantModelSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(StoredTenantModel.ReadSummary(reader.GetString(0)));
        }

        return summaries;
    }

    /// <inheritdoc />
    public async Task<string?> ReadReportAsync(string tenant, string version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT report FROM crm_tenant_models WHERE tenant = @tenant AND version = @version", connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@version", version);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async Task SetCurrentAsync(string tenant, string? version, string by, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SetCurrentAsync(connection, null, tenant, version, by, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> CountClosedLeadsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT COUNT(DISTINCT stream) FROM crm_journal WHERE tenant = @tenant AND event_type = @outcome", connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@outcome", LeadJournalEntry.OutcomeEvent);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalRow>> ReadLeadRowsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var rows = new List<JournalRow>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT stream, event_type, occurred_at, payload FROM crm_journal WHERE tenant = @tenant AND event_type IN (@a, @s, @o) ORDER BY id",
            connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@a", LeadJournalEntry.ActivityEvent);
        command.Parameters.AddWithValue("@s", LeadJournalEntry.SignalEvent);
        command.Parameters.AddWithValue("@o", LeadJournalEntry.OutcomeEvent);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new JournalRow(reader.GetString(0), reader.GetString(1), Utc(reader.GetDateTime(2)), reader.GetString(3)));
        }

        return rows;
    }

    private static async Task SetCurrentAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string tenant, string? version, string by, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            """
            INSERT INTO crm_tenant_model_current (tenant, version, changed_at, changed_by) VALUES (@tenant, @version, UTC_TIMESTAMP(6), @by)
            ON DUPLICATE KEY UPDATE version = VALUES(version), changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@version", version);
        command.Parameters.AddWithValue("@by", by.Length > 128 ? by[..128] : by);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
