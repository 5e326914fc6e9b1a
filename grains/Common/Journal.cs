namespace CrmActors.Grains.Common;

/// <summary>A journal row a grain owes (kept in its state until the journal has it).</summary>
/// <param name="EventId">Unique per tenant; a row sent twice is stored once.</param>
/// <param name="EventType">E.g. <c>lead.activity</c>.</param>
/// <param name="At">When it happened.</param>
/// <param name="Payload">JSON.</param>
/// <param name="Stream">The stream the row goes to when it is not the writer's own (a rep's assignment stream).</param>
[GenerateSerializer, Immutable, Alias("crm.PendingJournalEntry")]
public sealed record class PendingJournalEntry(string EventId, string EventType, DateTimeOffset At, string Payload, string? Stream = null);

/// <summary>The journal's streams other than a writer's own.</summary>
public static class JournalStreams
{
    /// <summary>Every lead handed to a rep, in order (one row per hand-over): what a rep's open leads are reconciled from.</summary>
    public static string RepAssignments(string repId) => $"rep:{repId}";
}

/// <summary>A journal row's number, event id and time, without its payload (<see cref="IJournal.ReadStreamKeysAfterAsync"/>).</summary>
public readonly record struct JournalKey(long Row, string EventId, DateTimeOffset At);

/// <summary>
/// The append-only journal (<c>crm_journal</c>): what happened, for training, audit and drill-down. Appends are
/// idempotent by event id, so an outbox may send a row again.
/// </summary>
public interface IJournal
{
    /// <summary>Appends <paramref name="entries"/> to the stream <paramref name="stream"/> of <paramref name="tenant"/>.</summary>
    Task AppendAsync(string tenant, string stream, IReadOnlyList<PendingJournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest rows of one stream of <paramref name="tenant"/> first, at most <paramref name="limit"/>, only those of
    /// <paramref name="eventType"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<PendingJournalEntry>> ReadStreamAsync(string tenant, string stream, int limit, string? eventType = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of one stream of <paramref name="tenant"/> numbered after <paramref name="afterRow"/>, oldest first, at
    /// most <paramref name="limit"/>, only those of <paramref name="eventType"/> when it is given; each with its row
    /// number (the journal's own, growing in the order rows were appended, not committed).
    /// </summary>
    Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadStreamAfterAsync(string tenant, string stream, long afterRow, int limit, string? eventType = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="ReadStreamAfterAsync"/>, but only each row's number, event id and time, of every event type: what
    /// the stream's index holds, so a reader can pick the rows it needs (<see cref="ReadRowsAsync"/>) without reading the
    /// others.
    /// </summary>
    Task<IReadOnlyList<JournalKey>> ReadStreamKeysAfterAsync(string tenant, string stream, long afterRow, int limit, CancellationToken cancellationToken = default);

    /// <summary>The rows of <paramref name="tenant"/> with the given numbers that exist, oldest first (none asked, none read).</summary>
    Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(string tenant, IReadOnlyCollection<long> rowNumbers, CancellationToken cancellationToken = default);

    /// <summary>The number of the newest row of one stream of <paramref name="tenant"/> (0 when it has none).</summary>
    Task<long> LastRowAsync(string tenant, string stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the rows of one stream of <paramref name="tenant"/> numbered up to <paramref name="throughRow"/>. Only for
    /// a grain's working log whose rows a stored checkpoint has taken in (the duplicate-name directory's): history
    /// (a lead's, a rep's, the audit log's) is never trimmed.
    /// </summary>
    Task TrimStreamAsync(string tenant, string stream, long throughRow, CancellationToken cancellationToken = default);
}

/// <summary>A journal in memory: for silos without a database (tests, the in-memory profile).</summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly Lock gate = new();
    private readonly HashSet<(string Tenant, string EventId)> seen = [];
    private readonly List<(long Row, string Tenant, string Stream, PendingJournalEntry Entry)> rows = [];
    private long lastRow;

    /// <inheritdoc />
    public Task AppendAsync(string tenant, string stream, IReadOnlyList<PendingJournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (gate)
        {
            foreach (var entry in entries.Where(e => seen.Add((tenant, e.EventId))))
            {
                rows.Add((++lastRow, tenant, stream, entry));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingJournalEntry>> ReadStreamAsync(string tenant, string stream, int limit, string? eventType = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<PendingJournalEntry>>([.. rows
                .Where(r => r.Tenant == tenant && r.Stream == stream && (eventType is null || r.Entry.EventType == eventType))
                .Reverse().Take(limit).Select(r => r.Entry)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadStreamAfterAsync(string tenant, string stream, long afterRow, int limit, string? eventType = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<(long, PendingJournalEntry)>>([.. rows
                .Where(r => r.Row > afterRow && r.Tenant == tenant && r.Stream == stream && (eventType is null || r.Entry.EventType == eventType))
                .Take(limit)
                .Select(r => (r.Row, r.Entry))]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalKey>> ReadStreamKeysAfterAsync(string tenant, string stream, long afterRow, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<JournalKey>>([.. rows
                .Where(r => r.Row > afterRow && r.Tenant == tenant && r.Stream == stream)
                .Take(limit)
                .Select(r => new JournalKey(r.Row, r.Entry.EventId, r.Entry.At))]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Row, PendingJournalEntry Entry)>> ReadRowsAsync(string tenant, IReadOnlyCollection<long> rowNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowNumbers);
        if (rowNumbers.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<(long, PendingJournalEntry)>>([]);
        }

        var wanted = rowNumbers.ToHashSet();
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<(long, PendingJournalEntry)>>([.. rows
                .Where(r => r.Tenant == tenant && wanted.Contains(r.Row))
                .Select(r => (r.Row, r.Entry))]);
        }
    }

    /// <inheritdoc />
    public Task<long> LastRowAsync(string tenant, string stream, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Where(r => r.Tenant == tenant && r.Stream == stream).Select(r => r.Row).DefaultIfEmpty().Max());
        }
    }

    /// <inheritdoc />
    public Task TrimStreamAsync(string tenant, string stream, long throughRow, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            rows.RemoveAll(r => r.Tenant == tenant && r.Stream == stream && r.Row <= throughRow);
        }

        return Task.CompletedTask;
    }

    /// <summary>The rows of <paramref name="tenant"/> in append order.</summary>
    public IReadOnlyList<(string Stream, PendingJournalEntry Entry)> Read(string tenant)
    {
        lock (gate)
        {
            return [.. rows.Where(r => r.Tenant == tenant).Select(r => (r.Stream, r.Entry))];
        }
    }
}
