using MySqlConnector;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// Every row a request could change, by identity: each actor's stored state (state name, grain and version), each
/// journal row, each reminder (grain, name, due time and version). Two readings are compared row by row, so a change
/// is named by what changed, not by a count that anything could have moved.
/// </summary>
public sealed class DatabaseRows
{
    private readonly Dictionary<string, string> _rows;

    private DatabaseRows(Dictionary<string, string> rows) => _rows = rows;

    /// <summary>Reads every row.</summary>
    public static async Task<DatabaseRows> ReadAsync(string connectionString)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await ReadAsync(connection, "SELECT CONCAT('state ', state_name, ' ', grain_id), CAST(version AS CHAR) FROM crm_grain_state", rows);
        await ReadAsync(connection, "SELECT CONCAT('journal ', stream, ' ', event_type, ' #', id), '' FROM crm_journal", rows);
        await ReadAsync(connection, "SELECT CONCAT('reminder ', GrainId, ' ', ReminderName), CONCAT(StartTime, ' v', Version) FROM OrleansRemindersTable", rows);
        return new DatabaseRows(rows);
    }

    /// <summary>The rows added, removed or changed from <paramref name="before"/> to this reading.</summary>
    public IReadOnlyList<RowChange> ChangesSince(DatabaseRows before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var changes = new List<RowChange>();
        foreach (var (key, value) in _rows)
        {
            if (!before._rows.TryGetValue(key, out var was))
            {
                changes.Add(new RowChange(key, null, value));
            }
            else if (was != value)
            {
                changes.Add(new RowChange(key, was, value));
            }
        }

        changes.AddRange(before._rows.Where(r => !_rows.ContainsKey(r.Key)).Select(r => new RowChange(r.Key, r.Value, null)));
        return changes;
    }

    private static async Task ReadAsync(MySqlConnection connection, string sql, Dictionary<string, string> into)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            into[reader.GetString(0)] = reader.GetString(1);
        }
    }
}

/// <summary>One row that differs between two readings: its identity, and its value before and after (null: absent).</summary>
public sealed record class RowChange(string Row, string? Before, string? After)
{
    /// <summary>
    /// True for the one writer that runs on a timer rather than on a request: a shard of the duplicate-name directory
    /// writing the entries earlier accepted requests filed (CustomerDirectoryGrain flushes every few seconds: a row of
    /// its log with its cursor, now and then a checkpoint of the shard and the trim of the log rows it took in). A
    /// request that files a new entry first stores a customer, which is a change of its own.
    /// </summary>
    public bool IsDirectoryFlush =>
        (Row.StartsWith("state customer-directory ", StringComparison.Ordinal) || Row.StartsWith("state customer-directory-log ", StringComparison.Ordinal)) && After is not null
        || Row.StartsWith("journal directory:", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Row}: {Before ?? "(none)"} -> {After ?? "(none)"}";
}
