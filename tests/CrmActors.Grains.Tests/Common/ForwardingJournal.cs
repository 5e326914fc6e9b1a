using CrmActors.Grains.Common;

namespace CrmActors.Grains.Tests.Common;

/// <summary>An in-memory journal whose methods a test may override to watch or hold what a grain reads.</summary>
public class ForwardingJournal : IJournal
{
    private readonly InMemoryJournal _inner = new();

    public virtual Task AppendAsync(string tenant, string stream, IReadOnlyList<PendingJournalEntry> entries, CancellationToken cancellationToken = default) =>
        _inner.AppendAsync(tenant, stream, entries, cancellationToken);

    public virtual Task<IReadOnlyList<PendingJournalEntry>> ReadStreamAsync(string tenant, string stream, int limit, string? eventType = null, CancellationToken cancellationToken = default) =>
        _inner.ReadStreamAsync(tenant, stream, limit, eventType, cancellationToken);

    public virtual Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadStreamAfterAsync(
        string tenant, string stream, long afterRow, int limit, string? eventType = null, CancellationToken cancellationToken = default) =>
        _inner.ReadStreamAfterAsync(tenant, stream, afterRow, limit, eventType, cancellationToken);

    public virtual Task<IReadOnlyList<JournalKey>> ReadStreamKeysAfterAsync(string tenant, string stream, long afterRow, int limit, CancellationToken cancellationToken = default) =>
        _inner.ReadStreamKeysAfterAsync(tenant, stream, afterRow, limit, cancellationToken);

    public virtual Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(string tenant, IReadOnlyCollection<long> rowNumbers, CancellationToken cancellationToken = default) =>
        _inner.ReadRowsAsync(tenant, rowNumbers, cancellationToken);

    public virtual Task<long> LastRowAsync(string tenant, string stream, CancellationToken cancellationToken = default) =>
        _inner.LastRowAsync(tenant, stream, cancellationToken);

    public virtual Task TrimStreamAsync(string tenant, string stream, long throughRow, CancellationToken cancellationToken = default) =>
        _inner.TrimStreamAsync(tenant, stream, throughRow, cancellationToken);
}
