using System.Text;
using CrmActors.Grains.Common;
using MySqlConnector;

namespace CrmActors.Silo.Storage;

/// <summary>
/// The journal in <c>crm_journal</c>: one multi-row <c>INSERT IGNORE</c> per append, so a row an outbox sends
/// again (same tenant and event id) is stored once.
/// </summary>
public sealed class MySqlJournal(string connectionString) : IJournal
{
    /// <inheritdoc />
    public async Task AppendAsync(string tenant, string stream, IReadOnlyList<PendingJournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("INSERT IGNORE INTO crm_journal (tenant, stream, event_id, event_type, occurred_at, payload) VALUES ");
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@stream", stream);
        for (var i = 0; i < entries.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@tenant, @stream, @id{i}, @type{i}, @at{i}, @payload{i})");
            command.Parameters.AddWithValue($"@id{i}", entries[i].EventId);
            command.Parameters.AddWithValue($"@type{i}", entries[i].EventType);
            command.Parameters.AddWithValue($"@at{i}", entries[i].At.UtcDateTime);
            command.Parameters.AddWithValue($"@payload{i}", entries[i].Payload);
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingJournalEntry>> ReadStreamAsync(string tenant, string stream, int limit, string? eventType = null, CancellationToken cancellationToken = default) =>
        [.. (await QueryStreamAsync(tenant, stream, afterRow: null, limit, eventType, cancellationToken)).Select(r => r.Entry)];

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadStreamAfterAsync(string tenant, string stream, long afterRow, int limit, string? eventType = null, CancellationToken cancellationToken = default) =>
        QueryStreamAsync(tenant, stream, afterRow, limit, eventType, cancellationToken);

    /// <inheritdoc />
    public async Task<long> LastRowAsync(string tenant, string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM crm_journal WHERE tenant = @tenant AND stream = @stream";
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@stream", stream);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task TrimStreamAsync(string tenant, string stream, long throughRow, CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM crm_journal WHERE tenant = @tenant AND stream = @stream AND id <= @through";
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@stream", stream);
        command.Parameters.AddWithValue("@through", throughRow);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows of one stream with their row numbers: the newest first, or with <paramref name="afterRow"/> those after it, oldest first.</summary>
    private async Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> QueryStreamAsync(
        string tenant, string stream, long? afterRow, int limit, string? eventType, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, event_id, event_type, occurred_at, payload FROM crm_journal WHERE tenant = @tenant AND stream = @stream"
            + (afterRow is null ? string.Empty : " AND id > @after")
            + (eventType is null ? string.Empty : " AND event_type = @type")
            + (afterRow is null ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT @limit";
        command.Parameters.AddWithValue("@type", eventType);
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@stream", stream);
        command.Parameters.AddWithValue("@after", afterRow);
        command.Parameters.AddWithValue("@limit", limit);
        var rows = new List<(long, PendingJournalEntry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), new PendingJournalEntry(
                reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
                reader.GetString(2),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)),
                reader.GetString(4))));
        }

        return rows;
    }
}
