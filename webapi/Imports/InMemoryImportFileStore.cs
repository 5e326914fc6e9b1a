using System.Collections.Concurrent;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Import files in this process's memory: for the database-free quick try and tests, where one web API instance
/// runs. An import resumes only within the same process (its lease can still lapse and be taken over).
/// </summary>
public sealed class InMemoryImportFileStore(TimeProvider clock) : IImportFileStore
{
    private readonly ConcurrentDictionary<(string Tenant, string ImportId), (byte[] Bytes, DateTimeOffset StoredAt)> _files = new();

    /// <inheritdoc />
    public async Task SaveAsync(string tenant, string importId, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        _files[(tenant, importId)] = (copy.ToArray(), clock.GetUtcNow());
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string tenant, string importId, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_files.TryGetValue((tenant, importId), out var file) ? new MemoryStream(file.Bytes, writable: false) : null);

    /// <inheritdoc />
    public Task DeleteAsync(string tenant, string importId, CancellationToken cancellationToken)
    {
        _files.TryRemove((tenant, importId), out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredImportFile>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredImportFile>>(
            [.. _files.Select(f => new StoredImportFile(f.Key.Tenant, f.Key.ImportId, f.Value.Bytes.LongLength, f.Value.StoredAt, Complete: true))]);
}
