using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Reps;

/// <summary>
/// Hand-overs taken from the rep's assignment stream. Intake commits a routed lead's hand-over row in the lead's own
/// transaction, so the rep need not write per lead: it takes the lead in memory and its state is written at most every
/// <see cref="RepOptions.WriteEvery"/> (or with any other change). After a crash the rep reads the rows after its stored
/// checkpoint (<see cref="RepState.CaughtUpToRow"/>: the last row older than <see cref="CatchUpMargin"/> when it last
/// read, since rows are numbered when appended but become visible when committed) and takes the leads it does not hold;
/// a lead it closed or let go is not taken again. It reads the stream every <see cref="CatchUpEvery"/> as well, in case
/// a hand-over's message was lost on the way: that read runs off the rep's turn (<see cref="AssignmentCatchUp"/>), so
/// captures routed to the rep meanwhile are not held, and what it found is taken in at the next tick.
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
    private Task<AssignmentCatchUp.Found>? _catchUp;

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
                FlushFailed(ex);
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

    /// <summary>Reads the stream and takes what it finds before the rep serves anything (on activation).</summary>
    private async Task CatchUpAsync()
    {
        // The first periodic read falls at a random point of the second half of the period: reps that started together
        // (a silo's start, a rebalance) do not all read their streams at the same moment.
        _lastCatchUp = clock.GetUtcNow() - TimeSpan.FromTicks(Random.Shared.NextInt64(CatchUpEvery.Ticks / 2));
        if (StartRead() is { } read)
        {
            await TakeAsync(await read);
        }
    }

    /// <summary>
    /// Starts reading the hand-overs appended after the checkpoint for leads it does not know, off the rep's turn: the read
    /// touches only the journal and a copy of the leads the rep knows, and the rep keeps taking leads meanwhile (a read of
    /// minutes of a busy stream holding the turn would hold every capture routed to the rep). Null when the rep has
    /// nothing to catch up from.
    /// </summary>
    private Task<AssignmentCatchUp.Found>? StartRead()
    {
        if (S.Profile is null || S.CaughtUpTo is not { } caughtUpTo)
        {
            return null;
        }

        // State written before row checkpoints were kept reads the stream once, from the time it was written.
        var since = S.CaughtUpToRow is null ? caughtUpTo - CatchUpMargin : DateTimeOffset.MinValue;
        var after = S.CaughtUpToRow ?? 0;
        var committedBefore = clock.GetUtcNow() - CatchUpMargin;
        var (tenant, repId) = Key;
        var known = S.CopyKnownLeadIds();
        return Task.Run(() => AssignmentCatchUp.ReadAsync(journal, tenant, repId, known, after, since, committedBefore, CatchUpBatch));
    }

    /// <summary>Takes the leads a read found that the rep does not hold and has not let go, and moves the checkpoint.</summary>
    private async Task TakeAsync(AssignmentCatchUp.Found found)
    {
        var taken = 0;
        foreach (var (at, handover) in found.Handovers)
        {
            if (Apply(handover.LeadId, handover.Routed!.Value, handover.Notice, at))
            {
                taken++;
            }
        }

        if (S.CaughtUpToRow != found.Checkpoint)
        {
            S.CaughtUpToRow = found.Checkpoint;
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
            // A read started at an earlier tick is taken in once it is done; the next starts a period after this one did.
            if (_catchUp is { IsCompleted: true } done)
            {
                _catchUp = null;
                if (done.IsCompletedSuccessfully)
                {
                    await TakeAsync(done.Result);
                }
                else
                {
                    RepMetrics.CatchUpFailures.Add(1);
                    LogCatchUpFailed(logger, done.Exception!.GetBaseException(), this.GetPrimaryKeyString());
                }
            }
            else if (_catchUp is null && clock.GetUtcNow() - _lastCatchUp >= CatchUpEvery)
            {
                _lastCatchUp = clock.GetUtcNow();
                _catchUp = StartRead();
            }

            if (_unwritten > 0)
            {
                await WriteAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept in memory and in the journal; the next tick tries again.
            FlushFailed(ex);
        }
    }

    /// <summary>A write of the state failed: counted and logged; what it held is in memory and in the journal.</summary>
    private void FlushFailed(Exception ex)
    {
        RepMetrics.WriteFailures.Add(1);
        LogFlushFailed(logger, ex, this.GetPrimaryKeyString());
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepKey}: reading its assignment stream failed; it reads it again at the next period")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception ex, string repKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rep {RepKey}: took {Count} hand-overs from its assignment stream")]
    private static partial void LogCaughtUp(ILogger logger, string repKey, int count);

}
