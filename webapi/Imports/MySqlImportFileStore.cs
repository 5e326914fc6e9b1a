using MySqlConnector;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Import files in the crm database (crm_import_files, crm_import_file_chunks; migration 0011), where every web API
/// instance can read them: the file row first, then one row per chunk, then the file is marked complete.
/// </summary>
public sealed class MySqlImportFileStore(string connectionString, int chunkBytes, TimeProvider clock) : IImportFileStore
{
    /// <inheritdoc />
    public async Task SaveAsync(string tenant, string importId, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using (var file = new MySqlCommand(
                "INSERT INTO crm_import_files (tenant, import_id, stored_at) VALUES (@tenant, @import, @at)", connection))
            {
                Key(file, tenant, importId);
                file.Parameters.AddWithValue("@at", clock.GetUtcNow().UtcDateTime);
                await file.ExecuteNonQueryAsync(cancellationToken);
            }

            var buffer = new byte[chunkBytes];
            long bytes = 0;
            var chunks = 0;
            int filled;
            while ((filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                await using var chunk = new MySqlCommand(
                    "INSERT INTO crm_import_file_chunks (tenant, import_id, seq, data) VALUES (@tenant, @import, @seq, @data)", connection);
                Key(chunk, tenant, importId);
                chunk.Parameters.AddWithValue("@seq", chunks);
                chunk.Parameters.Add("@data", MySqlDbType.MediumBlob).Value = new ReadOnlyMemory<byte>(buffer, 0, filled);
                await chunk.ExecuteNonQueryAsync(cancellationToken);
                bytes += filled;
                chunks++;
            }

            await using var complete = new MySqlCommand(
                "UPDATE crm_import_files SET bytes = @bytes, chunks = @chunks, complete = 1 WHERE tenant = @tenant AND import_id = @import", connection);
            Key(complete, tenant, importId);
            complete.Parameters.AddWithValue("@bytes", bytes);
            complete.Parameters.AddWithValue("@chunks", chunks);
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            // Best effort; a file left incomplete is deleted by the resume sweep.
            await DeleteAsync(tenant, importId, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string tenant, string importId, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT bytes, chunks FROM crm_import_files WHERE tenant = @tenant AND import_id = @import AND complete = 1", connection);
        Key(command, tenant, importId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ChunkedReadStream(reader.GetInt32(1), reader.GetInt64(0), (seq, ct) => ReadChunkAsync(tenant, importId, seq, ct));
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string tenant, string importId, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // The file row goes last: until then the sweep still sees the file and can finish the deletion.
        await using var chunks = new MySqlCommand("DELETE FROM crm_import_file_chunks WHERE tenant = @tenant AND import_id = @import", connection);
        Key(chunks, tenant, importId);
        await chunks.ExecuteNonQueryAsync(cancellationToken);
        await using var file = new MySqlCommand("DELETE FROM crm_import_files WHERE tenant = @tenant AND import_id = @import", connection);
        Key(file, tenant, importId);
        await file.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredImportFile>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT tenant, import_id, bytes, stored_at, complete FROM crm_import_files ORDER BY stored_at", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<StoredImportFile>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var storedAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc));
            files.Add(new StoredImportFile(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), storedAt, reader.GetBoolean(4)));
        }

        return files;
    }

    private static void Key(MySqlCommand command, string tenant, string importId)
    {
        command.Parameters.AddWithValue("@tenant", tenant);
        command.Parameters.AddWithValue("@import", importId);
    }

    private async Task<byte[]> ReadChunkAsync(string tenant, string importId, int seq, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT data FROM crm_import_file_chunks WHERE tenant = @tenant AND import_id = @import AND seq = @seq", connection);
        Key(command, tenant, importId);
        command.Parameters.AddWithValue("@seq", seq);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidDataException($"Import {importId}: chunk {seq} of its stored file is missing.");
    }
}
