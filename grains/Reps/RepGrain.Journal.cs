using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Reps;

/// <summary>
/// Hand-overs taken from the rep's assignment stream. Intake commits a routed lead's hand-over row in the lead's own
/// transaction, so the rep need not write per lead: it takes the lead in memory and its state is written at most every
/// <see cref="RepOptions.WriteEvery"/> (or with any other change). After a crash the rep reads the rows after its stored
/// checkpoint (<see cref="RepState.CaughtUpToRow"/>: the last row older than <see cref="CatchUpMargin"/> when it last
/// read, since rows are numbered when appended but become visible when committed) and takes the leads it does not hold;
/// a lead it closed or let go is not taken again. It reads the stream every <see cref="CatchUpEvery"/> as well, in case
/// a hand-over's message was lost on the way.
/// </summary>
public sealed partial class RepGrain
{
    /// <summary>How long after it was decided a hand-over's row is surely committed (or never will be).</summary>
    public static readonly TimeSpan CatchUpMargin = TimeSpan.FromMinutes(2);

    /// <summary>How often the stream is read while the rep is active.</summary>
    public static readonly TimeSpan CatchUpEvery = TimeSpan.FromMinutes(5);

    /// <summary>How many rows one read of the stream returns.</summary>
    public const int CatchUpBatch = 5_000;

    private int _unwritten;
    private DateTimeOffset _lastCatchUp;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Profile is not null)
        {
            // Stored before anything is reported: this activation's reports then outrank every report of the one before,
            // whose hand-overs taken in memory may never have been written (the catch-up below takes them again).
            S.Incarnation++;
            await state.WriteOrFailAsync(this, logger);
        }

        await CatchUpAsync();
        var every = options.Value.WriteEvery < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.WriteEvery;
        this.RegisterGrainTimer(TickAsync, every, every);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unwritten > 0)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The rows are in the journal: the next activation takes them again.
                LogFlushFailed(logger, ex, this.GetPrimaryKeyString());
            }
        }
    }

    /// <summary>A hand-over whose row is already committed: taken in memory, written with the next write.</summary>
    private async Task TakeJournaledAsync(LeadHandover handover)
    {
        if (Apply(handover.LeadId, handover.Routed, handover.Notice, clock.GetUtcNow()))
        {
            S.Revision++;
            _unwritten++;
        }

        await TellRouterAsync(handover.LeadId);
    }

    /// <summary>
    /// Takes a lead, with its notice, unless it is held, closed or let go; true when it was taken. The notice goes with
    /// the lead only: the inbox keeps the newest 500 items, so an old notice no longer in it is not news.
    /// </summary>
    private bool Apply(string leadId, bool routed, InboxItem? notice, DateTimeOffset at)
    {
        if (S.HoldsLead(leadId) || S.HasLetGo(leadId))
        {
            return false;
        }

        S.AddOpenLead(leadId);
        if (routed)
        {
            S.RecordAssignment(at);
        }

        if (notice is not null && !S.HasDelivered(notice.Id))
        {
            S.AddToInbox(notice);
            Announce(notice);
        }

        return true;
    }

    /// <summary>Takes the hand-overs appended after the checkpoint that it does not hold yet, and moves the checkpoint.</summary>
    private async Task CatchUpAsync()
    {
        var now = clock.GetUtcNow();
        _lastCatchUp = now;
        if (S.Profile is null || S.CaughtUpTo is not { } caughtUpTo)
        {
            return;
        }

        // State written before row checkpoints were kept reads the stream once, from the time it was written.
        var since = S.CaughtUpToRow is null ? caughtUpTo - CatchUpMargin : DateTimeOffset.MinValue;
        var committedBefore = now - CatchUpMargin;
        var after = S.CaughtUpToRow ?? 0;
        var checkpoint = after;
        var gapSeen = false;
        var taken = 0;
        IReadOnlyList<(long Row, PendingJournalEntry Entry)> rows;
        do
        {
            rows = await journal.ReadStreamAfterAsync(Key.Tenant, JournalStreams.RepAssignments(Key.Id), after, CatchUpBatch, RepLeadsJournal.HandoverEvent);
            foreach (var (row, entry) in rows)
            {
                after = row;

                // The checkpoint stops at the first row too young to be sure every row before it is committed.
                gapSeen |= entry.At >= committedBefore;
                checkpoint = gapSeen ? checkpoint : row;

                // Only intake's rows are taken from (they say whether routing chose the rep); a lead actor's hand-over is
                // delivered by the lead itself, retried until the rep has it.
                var handover = LeadJournalRows.ReadHandover(entry);
                if (entry.At >= since && handover.Routed is { } routed && Apply(handover.LeadId, routed, handover.Notice, entry.At))
                {
                    taken++;
                }
            }
        }
        while (rows.Count == CatchUpBatch);

        if (S.CaughtUpToRow != checkpoint)
        {
            S.CaughtUpToRow = checkpoint;
            _unwritten++;
        }

        if (taken > 0)
        {
            LogCaughtUp(logger, this.GetPrimaryKeyString(), taken);
            S.Revision++;
            _unwritten += taken;
            await TellRouterAsync(null);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (clock.GetUtcNow() - _lastCatchUp >= CatchUpEvery)
            {
                await CatchUpAsync();
            }

            if (_unwritten > 0)
            {
                await WriteAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept in memory and in the journal; the next tick tries again.
            LogFlushFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>Writes the whole state, hand-overs taken in memory included.</summary>
    private async Task WriteAsync()
    {
        var pending = _unwritten;
        S.CaughtUpTo = clock.GetUtcNow();
        await state.WriteOrFailAsync(this, logger);
        _unwritten -= pending;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepKey}: writing hand-overs taken in memory failed; they stay in the journal and are written at the next tick")]
    private static partial void LogFlushFailed(ILogger logger, Exception ex, string repKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rep {RepKey}: took {Count} hand-overs from its assignment stream")]
    private static partial void LogCaughtUp(ILogger logger, string repKey, int count);

}
