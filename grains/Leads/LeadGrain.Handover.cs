using CrmActors.GrainInterfaces.Reps;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>
/// What reps are owed about this lead (<see cref="OwedRepUpdate"/>): written in the same state write as the change
/// that caused it, done right after, and done again by the lead's wake-up (its stored wake-up time names the oldest one)
/// until each rep has it. So a rep lists a lead only once the lead is stored as theirs, and a lead that moved on
/// leaves its previous owner's list even when a silo died in between.
/// </summary>
public sealed partial class LeadGrain
{
    private static readonly TimeSpan HandoverRetry = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Does what the stored state owes (reps' updates, journal rows) and writes the state without them. The change that
    /// owed them is stored already, so a failure here is only logged: the wake-up does it again, and each part is
    /// idempotent.
    /// </summary>
    private async Task FinishOwedAsync()
    {
        if (S.RepUpdates.Count == 0 && S.Journal.Count == 0)
        {
            return;
        }

        await HandOverAsync();
        await SendJournalAsync();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogOwedWriteFailed(logger, ex, this.GetPrimaryKeyString(), S.RepUpdates.Count, S.Journal.Count);
        }
    }

    /// <summary>Tells each rep what it is owed, oldest first; stops at the first failure and sets the retry time.</summary>
    private async Task HandOverAsync()
    {
        while (S.RepUpdates.Count > 0)
        {
            var update = S.RepUpdates[0];
            try
            {
                var rep = Rep(update.RepId);
                switch (update.Kind)
                {
                    case RepUpdateKind.Take:
                        await rep.TakeLeadAsync(new LeadHandover(LeadId, update.Routed, update.Notice));
                        break;
                    case RepUpdateKind.Release:
                        await rep.RemoveOpenLeadAsync(LeadId);
                        break;
                    case RepUpdateKind.Close:
                        await rep.RecordOutcomeAsync(LeadId, update.Won);
                        break;
                    default:
                        if (update.Notice is { } notice)
                        {
                            await rep.DeliverAsync(notice);
                        }

                        break;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogHandoverFailed(logger, ex, this.GetPrimaryKeyString(), update.Kind, update.RepId);
                S.RepUpdatesRetryAt = clock.GetUtcNow() + HandoverRetry;
                return;
            }

            S.RepUpdates.RemoveAt(0);
        }

        S.RepUpdatesRetryAt = null;
    }

    /// <summary>A row in the rep's assignment stream, from which the rep's open leads can be reconciled.</summary>
    private void QueueHandoverJournal(string repId, DateTimeOffset at)
    {
        S.Handovers++;
        S.Journal.Add(LeadJournalRows.Handover(LeadId, S.Handovers, repId, at));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: telling rep {RepId} ({Kind}) failed; the lead's wake-up tries again")]
    private static partial void LogHandoverFailed(ILogger logger, Exception ex, string leadKey, RepUpdateKind kind, string repId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: writing the state after its owed work failed ({Reps} rep update(s), {Rows} journal row(s) left); done again on wake-up")]
    private static partial void LogOwedWriteFailed(ILogger logger, Exception ex, string leadKey, int reps, int rows);
}
