using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Reps;

/// <summary>
/// Hand-overs taken from the rep's assignment stream. Intake commits a routed lead's hand-over row in the lead's own
/// transaction, so the rep need not write per lead: it takes the lead in memory and its state is written at most every
/// <see cref="RepOptions.WriteEvery"/> (or with any other change), recording <see cref="RepState.CaughtUpTo"/>. After a crash the
/// rep reads the rows since then (less <see cref="CatchUpMargin"/>, for rows decided before and committed after) and
/// takes what it does not hold; a lead it closed or let go is not taken again. It reads the stream once a minute as well,
/// in case the hand-over's message was lost on the way.
/// </summary>
public sealed partial class RepGrain
{
    /// <summary>How far before <see cref="RepState.CaughtUpTo"/> the catch-up reads (decided, then committed later).</summary>
    public static readonly TimeSpan CatchUpMargin = TimeSpan.FromMinutes(2);

    /// <summary>How often the stream is read while the rep is active.</summary>
    public static readonly TimeSpan CatchUpEvery = TimeSpan.FromMinutes(1);

    /// <summary>The most rows one catch-up reads (the state is written every few seconds, so far fewer are new).</summary>
    public const int CatchUpLimit = 20_000;

    private int _unwritten;
    private DateTimeOffset _lastCatchUp;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
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

    /// <summary>Takes a lead unless it is held, closed or let go; true when something changed.</summary>
    private bool Apply(string leadId, bool routed, InboxItem? notice, DateTimeOffset at)
    {
        var changed = false;
        if (!S.OpenLeadIds.Contains(leadId) && !S.HasLetGo(leadId))
        {
            S.OpenLeadIds.Add(leadId);
            if (routed)
            {
                S.RecordAssignment(at);
            }

            changed = true;
        }

        if (notice is not null && !S.HasDelivered(notice.Id) && S.OpenLeadIds.Contains(leadId))
        {
            S.AddToInbox(notice);
            Announce(notice);
            changed = true;
        }

        return changed;
    }

    /// <summary>Takes the hand-overs journaled since the state was last written that it does not hold yet.</summary>
    private async Task CatchUpAsync()
    {
        _lastCatchUp = clock.GetUtcNow();
        if (S.Profile is null || S.CaughtUpTo is not { } caughtUpTo)
        {
            return;
        }

        var since = caughtUpTo - CatchUpMargin;
        var rows = await journal.ReadStreamAsync(Key.Tenant, JournalStreams.RepAssignments(Key.Id), CatchUpLimit, RepLeadsJournal.HandoverEvent);
        var taken = 0;
        foreach (var row in rows.Where(r => r.At >= since).Reverse())
        {
            // Only intake's rows are taken from (they say whether routing chose the rep); a lead actor's hand-over is
            // delivered by the lead itself, retried until the rep has it.
            var handover = LeadJournalRows.ReadHandover(row);
            if (handover.Routed is { } routed && Apply(handover.LeadId, routed, handover.Notice, row.At))
            {
                taken++;
            }
        }

        if (rows.Count == CatchUpLimit && rows[^1].At >= since)
        {
            LogCatchUpTruncated(logger, this.GetPrimaryKeyString(), CatchUpLimit);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepKey}: more than {Limit} hand-overs since its last write; the oldest were not read (reconcile the rep)")]
    private static partial void LogCatchUpTruncated(ILogger logger, string repKey, int limit);
}
