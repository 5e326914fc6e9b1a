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
    public Task<IReadOnlyList<JournalKey>> ReadStreamKeysAfterAsync(string tenant, string stream, long afterRow, int limit, CancellationToken cancellationToken = default) =>
        // Served by IX_crm_journal_stream_keys alone (migration 0017): the rows themselves, payloads and all, are not read.
        OnStreamAsync(
            "SELECT id, event_id, occurred_at FROM crm_journal WHERE tenant = @tenant AND stream = @stream AND id > @after ORDER BY id LIMIT @limit",
            tenant,
            stream,
            async command =>
            {
                command.Parameters.AddWithValue("@after", afterRow);
                command.Parameters.AddWithValue("@limit", limit);
                var keys = new List<JournalKey>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys.Add(new JournalKey(reader.GetInt64(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1), Utc(reader.GetDateTime(2))));
                }

                return (IReadOnlyList<JournalKey>)keys;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(string tenant, IReadOnlyCollection<long> rowNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowNumbers);
        if (rowNumbers.Count == 0)
        {
            return [];
        }

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@tenant", tenant);
        command.CommandText = $"SELECT id, event_id, event_type, occurred_at, payload FROM crm_journal WHERE tenant = @tenant AND id IN ({SqlLists.Parameters(command, "@r", rowNumbers)}) ORDER BY id";
        return await ReadRowsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LastRowAsync(string tenant, string stream, CancellationToken cancellationToken = default) =>
        OnStreamAsync("SELECT COALESCE(MAX(id), 0) FROM crm_journal WHERE tenant = @tenant AND stream = @stream", tenant, stream, async command =>
            Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public Task TrimStreamAsync(string tenant, string stream, long throughRow, CancellationToken cancellationToken = default) =>
        OnStreamAsync("DELETE FROM crm_journal WHERE tenant = @tenant AND stream = @stream AND id <= @through", tenant, stream, command =>
        {
            command.Parameters.AddWithValue("@through", throughRow);
            return command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Runs <paramref name="sql"/> on its own connection with the tenant and stream parameters set.</summary>
    private async Task<T> OnStreamAsync<T>(string sql, string tenant, string stream, Func<MySqlCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@stream", stream);
        return await run(command);
    }

    /// <summary>Rows of one stream with their row numbers: the newest first, or with <paramref name="afterRow"/> those after it, oldest first.</summary>
    private Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> QueryStreamAsync(
        string tenant, string stream, long? afterRow, int limit, string? eventType, CancellationToken cancellationToken) =>
        OnStreamAsync(
            "SELECT id, event_id, event_type, occurred_at, payload FROM crm_journal WHERE tenant = @tenant AND stream = @stream"
                + (afterRow is null ? string.Empty : " AND id > @after")
                + (eventType is null ? string.Empty : " AND event_type = @type")
                + (afterRow is null ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT @limit",
            tenant,
            stream,
            command =>
            {
                command.Parameters.AddWithValue("@type", eventType);
                command.Parameters.AddWithValue("@after", afterRow);
                command.Parameters.AddWithValue("@limit", limit);
                return ReadRowsAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <summary>Runs a query of (id, event_id, event_type, occurred_at, payload) and reads its rows.</summary>
    private static async Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(long, PendingJournalEntry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), new PendingJournalEntry(
                reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
                reader.GetString(2),
                Utc(reader.GetDateTime(3)),
                reader.GetString(4))));
        }

        return rows;
    }

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
}
