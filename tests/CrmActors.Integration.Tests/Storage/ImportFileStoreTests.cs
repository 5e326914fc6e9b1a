using CrmActors.Database;
using CrmActors.Integration.Tests.Database;
using CrmActors.WebApi.Imports;

namespace CrmActors.Integration.Tests.Storage;

/// <summary>Accepted import files in MariaDB: stored in chunks, read back byte for byte, invisible until complete, deleted whole.</summary>
public sealed class ImportFileStoreTests : IAsyncLifetime
{
    private const int ChunkBytes = 4096;

    private ThrowawayDatabase _db = null!;
    private MySqlImportFileStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("ifs");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        _store = new MySqlImportFileStore(_db.ConnectionString, ChunkBytes, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 31) + (i >> 8)))];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4096, 1)]
    [InlineData(4097, 2)]
    [InlineData(3 * 4096 + 17, 4)]
    public async Task SaveAsync_FileOfAnySize_ReadBackByteForByteFromItsChunks(int length, int chunks)
    {
        var file = Bytes(length);

        await _store.SaveAsync("t1", "I1", new MemoryStream(file), CancellationToken.None);
        await using var read = await _store.OpenReadAsync("t1", "I1", CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);

        Assert.Equal(file, copy.ToArray());
        Assert.Equal(chunks, await _db.ScalarAsync<int>("SELECT COUNT(*) FROM crm_import_file_chunks WHERE tenant = 't1' AND import_id = 'I1'"));
        var listed = Assert.Single(await _store.ListAsync(CancellationToken.None));
        Assert.Equal(("t1", "I1", (long)length, true), (listed.Tenant, listed.ImportId, listed.Bytes, listed.Complete));
    }

    [Fact]
    public async Task SaveAsync_UploadFailsMidway_LeavesNothingStored()
    {
        var failing = new FailingStream(Bytes(3 * ChunkBytes), failAfter: 2 * ChunkBytes + 10);

        await Assert.ThrowsAsync<IOException>(() => _store.SaveAsync("t1", "I2", failing, CancellationToken.None));

        Assert.Null(await _store.OpenReadAsync("t1", "I2", CancellationToken.None));
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
        Assert.Equal(0, await _db.ScalarAsync<int>("SELECT COUNT(*) FROM crm_import_file_chunks"));
    }

    [Fact]
    public async Task OpenReadAsync_FileWhoseUploadNeverCompleted_IsNullButListedForCleanup()
    {
        await _db.ExecuteAsync("INSERT INTO crm_import_files (tenant, import_id, stored_at) VALUES ('t1', 'I3', UTC_TIMESTAMP(3))");

        Assert.Null(await _store.OpenReadAsync("t1", "I3", CancellationToken.None));
        Assert.False(Assert.Single(await _store.ListAsync(CancellationToken.None)).Complete);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheFileAndEveryChunk_OtherFilesStay()
    {
        await _store.SaveAsync("t1", "I4", new MemoryStream(Bytes(9000)), CancellationToken.None);
        await _store.SaveAsync("t2", "I4", new MemoryStream(Bytes(100)), CancellationToken.None);

        await _store.DeleteAsync("t1", "I4", CancellationToken.None);

        Assert.Null(await _store.OpenReadAsync("t1", "I4", CancellationToken.None));
        Assert.Equal("t2", Assert.Single(await _store.ListAsync(CancellationToken.None)).Tenant);
        Assert.Equal(1, await _db.ScalarAsync<int>("SELECT COUNT(*) FROM crm_import_file_chunks"));
    }

    /// <summary>An upload whose connection drops after <c>failAfter</c> bytes.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= failAfter)
            {
                throw new IOException("The client went away.");
            }

            return await base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAfter - Position)], cancellationToken);
        }
    }
}
