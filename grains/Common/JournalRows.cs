using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Common;

/// <summary>A journal row to append to a stream of a tenant.</summary>
/// <param name="Tenant">The tenant whose journal takes the row.</param>
/// <param name="Stream">The stream (a lead id, <c>rep:{id}</c>, ...).</param>
/// <param name="Entry">The row; its event id makes a second append of it a no-op.</param>
public sealed record class OutgoingJournalRow(string Tenant, string Stream, PendingJournalEntry Entry);

/// <summary>
/// Journal rows that go with a grain's next state write. Storage that can (the silo's group-commit provider)
/// appends them in the same transaction as the state, and only if that write landed, then calls
/// <see cref="MarkCommitted"/>; otherwise <see cref="JournalRowsExtensions.WriteWithRowsAsync{TState}"/>
/// appends them right after the write. Never serialized with the state.
/// </summary>
public sealed class JournalRows
{
    private readonly List<OutgoingJournalRow> _rows = [];

    /// <summary>The rows waiting for the next write.</summary>
    public IReadOnlyList<OutgoingJournalRow> Pending => _rows;

    /// <summary>Whether storage committed <see cref="Pending"/> with the last write.</summary>
    public bool Committed { get; private set; }

    /// <summary>Adds a row to go with the next write.</summary>
    public void Add(string tenant, string stream, PendingJournalEntry entry) => _rows.Add(new OutgoingJournalRow(tenant, stream, entry));

    /// <summary>Called by storage that appended every pending row in the transaction of the state write.</summary>
    public void MarkCommitted() => Committed = true;

    /// <summary>Forgets the rows once they are stored.</summary>
    public void Clear()
    {
        _rows.Clear();
        Committed = false;
    }
}

/// <summary>A persisted state whose writes may carry journal rows (<see cref="JournalRows"/>).</summary>
public interface IJournalRowsState
{
    /// <summary>The rows that go with the next write.</summary>
    JournalRows Outgoing { get; }
}

/// <summary>Writing a state together with its journal rows.</summary>
public static class JournalRowsExtensions
{
    /// <summary>
    /// Writes the state with its outgoing journal rows: one transaction where storage supports it; otherwise the
    /// rows are appended after the write (in-memory silos, whose journal cannot fail).
    /// </summary>
    public static async Task WriteWithRowsAsync<TState>(this IPersistentState<TState> state, Grain grain, IJournal journal, ILogger logger)
        where TState : IJournalRowsState
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(journal);
        var rows = state.State.Outgoing;
        try
        {
            await state.WriteOrFailAsync(grain, logger);
            if (!rows.Committed)
            {
                foreach (var group in rows.Pending.GroupBy(r => (r.Tenant, r.Stream)))
                {
                    await journal.AppendAsync(group.Key.Tenant, group.Key.Stream, [.. group.Select(r => r.Entry)]);
                }
            }
        }
        finally
        {
            // Rows of a write that failed describe a change that was not stored: they never ride on a later write.
            rows.Clear();
        }
    }
}
