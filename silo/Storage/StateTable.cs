using System.Globalization;
using System.Text;
using MySqlConnector;

namespace CrmActors.Silo.Storage;

/// <summary>
/// The crm_grain_state table (database/Migrations/0006): many grains' reads in one SELECT and many grains'
/// writes in one transaction. Plain ADO.NET, no Orleans; the batching lives in <see cref="GroupCommitGrainStorage"/>.
/// </summary>
public sealed class StateTable
{
    private const int DeadlockRetries = 3;

    private readonly string _connectionString;

    /// <summary>Uses its own pool: every command here is self-contained (a read, or a whole transaction
    /// ending in COMMIT), so a pooled connection carries no session state and skips the reset round trip;
    /// one that failed mid-transaction is discarded instead (<see cref="WriteAsync"/>).</summary>
    public StateTable(string connectionString)
    {
        _connectionString = new MySqlConnectionStringBuilder(connectionString) { ConnectionReset = false }.ConnectionString;
    }

    /// <summary>Reads the given rows; keys without a row are absent from the result.</summary>
    public async Task<Dictionary<string, StoredState>> ReadAsync(IReadOnlyCollection<byte[]> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoredState>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key_hash, version, payload FROM crm_grain_state WHERE key_hash IN ({SqlLists.Parameters(command, "@q", keys)})";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (byte[])reader.GetValue(0);
            var payload = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
            found[Convert.ToHexString(key)] = new StoredState(reader.GetInt32(1), payload);
        }

        return found;
    }

    /// <summary>
    /// The grains of <paramref name="serviceId"/> whose wake-up time is at or before <paramref name="nowUtc"/>,
    /// earliest first, at most <paramref name="limit"/> (grain ids as stored).
    /// </summary>
    public async Task<IReadOnlyList<string>> DueWakeUpsAsync(string serviceId, DateTime nowUtc, int limit, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id FROM crm_grain_state WHERE service_id = @s AND wake_at <= @now ORDER BY wake_at LIMIT @limit";
        command.Parameters.AddWithValue("@s", serviceId);
        command.Parameters.AddWithValue("@now", nowUtc);
        command.Parameters.AddWithValue("@limit", limit);
        var due = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    /// <summary>The grains of <paramref name="serviceId"/> whose <paramref name="stateName"/> row was written at or after <paramref name="sinceUtc"/>.</summary>
    public async Task<IReadOnlyList<string>> WrittenSinceAsync(string serviceId, string stateName, DateTime sinceUtc, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id FROM crm_grain_state WHERE service_id = @s AND modified_on >= @since AND state_name = @n";
        command.Parameters.AddWithValue("@s", serviceId);
        command.Parameters.AddWithValue("@since", sinceUtc);
        command.Parameters.AddWithValue("@n", stateName);
        var written = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            written.Add(reader.GetString(0));
        }

        return written;
    }

    /// <summary>
    /// Commits the writes in one transaction and says, per write, whether it landed. Either every outcome
    /// is known and committed, or the method throws and nothing of the batch is stored.
    /// </summary>
    public async Task<WriteOutcome[]> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(writes, ct);
            }
            catch (MySqlException ex) when (attempt < DeadlockRetries && ex.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                // The whole transaction was rolled back, so running it again is safe.
            }
        }
    }

    private async Task<WriteOutcome[]> WriteOnceAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        // Rows in key order: concurrent batches then lock the same keys in the same order, which keeps
        // InnoDB deadlocks rare.
        var hashes = writes.Select(w => w.Key.Hash()).ToArray();
        var order = Enumerable.Range(0, writes.Count).OrderBy(i => Convert.ToHexString(hashes[i]), StringComparer.Ordinal).ToArray();

        // One round trip: the upsert, the check and the commit travel as one multi-statement command. The
        // check's rows are read first; the commit's result is awaited after them, and only a commit that
        // succeeded lets any caller see success.
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("START TRANSACTION;\nINSERT INTO crm_grain_state (key_hash, service_id, state_name, grain_id, version, write_id, payload, wake_at, modified_on) VALUES ");
        for (var n = 0; n < order.Length; n++)
        {
            var i = order[n];
            var write = writes[i];
            sql.Append(n == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(@k{n},@s{n},@n{n},@g{n},@v{n},@w{n},@p{n},@a{n},UTC_TIMESTAMP(3))");
            command.Parameters.AddWithValue($"@k{n}", hashes[i]);
            command.Parameters.AddWithValue($"@s{n}", write.Key.ServiceId);
            command.Parameters.AddWithValue($"@n{n}", write.Key.StateName);
            command.Parameters.AddWithValue($"@g{n}", write.Key.GrainId);
            command.Parameters.AddWithValue($"@v{n}", write.NewVersion);
            command.Parameters.AddWithValue($"@w{n}", write.WriteId.ToByteArray());
            command.Parameters.AddWithValue($"@p{n}", write.Payload);
            command.Parameters.AddWithValue($"@a{n}", write.WakeAt);
        }

        // A row applies only on top of the version its grain read. Assignments run left to right, so
        // version is compared before it is moved. A first write (expected none) carries version 1 and
        // never matches an existing row, whose versions start at 1.
        sql.Append("""

             ON DUPLICATE KEY UPDATE
               payload     = IF(version = VALUES(version) - 1, VALUES(payload), payload),
               write_id    = IF(version = VALUES(version) - 1, VALUES(write_id), write_id),
               wake_at     = IF(version = VALUES(version) - 1, VALUES(wake_at), wake_at),
               modified_on = IF(version = VALUES(version) - 1, VALUES(modified_on), modified_on),
               version     = IF(version = VALUES(version) - 1, VALUES(version), version);
            """);
        AppendJournalRows(sql, command, writes, order);
        sql.Append(CultureInfo.InvariantCulture, $"\nSELECT key_hash, write_id, version FROM crm_grain_state WHERE key_hash IN ({SqlLists.Parameters(command, "@q", hashes)});\nCOMMIT;");
        command.CommandText = sql.ToString();

        var landed = new Dictionary<string, (Guid WriteId, int Version)>(writes.Count, StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);

            // START TRANSACTION and INSERT return no rows; the reader starts at the first result set with rows.
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    landed[Convert.ToHexString((byte[])reader.GetValue(0))] = (new Guid((byte[])reader.GetValue(1)), reader.GetInt32(2));
                }
            }
            while (await reader.NextResultAsync(ct));
        }
        catch (MySqlException)
        {
            // Pooled connections are not reset, so none may go back with a transaction open.
            await AbandonAsync(connection);
            throw;
        }

        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            outcomes[i] = landed.TryGetValue(Convert.ToHexString(hashes[i]), out var row)
                ? new WriteOutcome(row.WriteId == writes[i].WriteId, row.Version)
                : new WriteOutcome(false, null);
        }

        return outcomes;
    }

    /// <summary>
    /// The journal rows of the batch, each inserted only if its write landed (its row now carries that write's id),
    /// and once per (tenant, event id): one INSERT ... SELECT in the same transaction as the states.
    /// </summary>
    private static void AppendJournalRows(StringBuilder sql, MySqlCommand command, IReadOnlyList<StateWrite> writes, int[] order)
    {
        var first = true;
        for (var n = 0; n < order.Length; n++)
        {
            var rows = writes[order[n]].Rows;
            for (var m = 0; rows is not null && m < rows.Count; m++)
            {
                var row = rows[m];
                sql.Append(first ? "\nINSERT IGNORE INTO crm_journal (tenant, stream, event_id, event_type, occurred_at, payload)\n" : "\nUNION ALL ")
                    .Append(CultureInfo.InvariantCulture, $"SELECT @jt{n}_{m},@js{n}_{m},@ji{n}_{m},@jy{n}_{m},@ja{n}_{m},@jp{n}_{m} FROM crm_grain_state WHERE key_hash = @k{n} AND write_id = @w{n}");
                command.Parameters.AddWithValue($"@jt{n}_{m}", row.Tenant);
                command.Parameters.AddWithValue($"@js{n}_{m}", row.Stream);
                command.Parameters.AddWithValue($"@ji{n}_{m}", row.Entry.EventId);
                command.Parameters.AddWithValue($"@jy{n}_{m}", row.Entry.EventType);
                command.Parameters.AddWithValue($"@ja{n}_{m}", row.Entry.At.UtcDateTime);
                command.Parameters.AddWithValue($"@jp{n}_{m}", row.Entry.Payload);
                first = false;
            }
        }

        if (!first)
        {
            sql.Append(';');
        }
    }

    private static async Task AbandonAsync(MySqlConnection connection)
    {
        try
        {
            await using var rollback = new MySqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException)
        {
            MySqlConnection.ClearPool(connection);
        }
    }
}
