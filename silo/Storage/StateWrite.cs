using CrmActors.Grains.Common;

namespace CrmActors.Silo.Storage;

/// <summary>
/// One grain's write: it applies only if the stored version is <see cref="ExpectedVersion"/> (null: no row
/// yet). A null payload clears the state but keeps the row, so a stale activation still conflicts.
/// <see cref="WakeAt"/> (UTC) is when the sweeper should wake the grain; null for never. <see cref="Rows"/> go to
/// the journal in the same transaction, and only if this write landed.
/// </summary>
public sealed record class StateWrite(StateKey Key, int? ExpectedVersion, byte[]? Payload, DateTime? WakeAt = null, IReadOnlyList<OutgoingJournalRow>? Rows = null)
{
    /// <summary>Identifies this write among racing ones: the row carries the id of the write that landed.</summary>
    public Guid WriteId { get; } = Guid.NewGuid();

    /// <summary>The version the row has once this write applied.</summary>
    public int NewVersion => (ExpectedVersion ?? 0) + 1;

    /// <summary>Bytes this write adds to a batch (payload plus key overhead).</summary>
    public int Size => (Payload?.Length ?? 0) + 128 + Key.GrainId.Length + (Rows?.Sum(r => r.Entry.Payload.Length + 160) ?? 0);
}
