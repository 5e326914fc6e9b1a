namespace CrmActors.WebApi.Imports;

/// <summary>
/// Where an accepted import file is kept until its import completes, so that the instance resuming an import can
/// read it again. Chosen by Imports:FileStore (<see cref="ImportOptions.FileStore"/>).
/// </summary>
public interface IImportFileStore
{
    /// <summary>Stores the file's bytes under the import; durable when the task completes. A failure stores nothing.</summary>
    Task SaveAsync(string tenant, string importId, Stream content, CancellationToken cancellationToken);

    /// <summary>A forward-only stream of a stored file's bytes; null when no complete file is stored under the import.</summary>
    Task<Stream?> OpenReadAsync(string tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Deletes the file (nothing when there is none).</summary>
    Task DeleteAsync(string tenant, string importId, CancellationToken cancellationToken);

    /// <summary>Every file stored, complete or not: the imports still to finish, and leftovers to clean up.</summary>
    Task<IReadOnlyList<StoredImportFile>> ListAsync(CancellationToken cancellationToken);
}
