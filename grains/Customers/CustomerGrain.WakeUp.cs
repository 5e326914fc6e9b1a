using CrmActors.Grains.Common;

namespace CrmActors.Grains.Customers;

/// <summary>
/// What a customer still owes the leads it captured, carried by its stored wake-up: leads whose routing is owed (no
/// decision in time, or owed notices) until their lead actor reports it settled, and leads routed at capture with
/// nothing more owed, whose actors are started when their earliest deadline comes.
/// </summary>
public sealed partial class CustomerGrain
{
    /// <inheritdoc />
    public async Task LeadRoutingSettledAsync(string leadId)
    {
        if (S.PendingRouting.Remove(leadId))
        {
            // With nothing pending, the wake-up is only the earliest deadline of a lead routed at capture, if any.
            S.WakeUpAt = S.PendingRouting.Count == 0 ? S.NextLeadWake() : S.WakeUpAt;
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public async Task WakeUpAsync()
    {
        var now = clock.GetUtcNow();
        if (S.WakeUpAt is null || S.WakeUpAt > now)
        {
            return;
        }

        foreach (var leadId in S.PendingRouting.ToArray())
        {
            try
            {
                if (await Lead(leadId).SettleRoutingAsync())
                {
                    S.PendingRouting.Remove(leadId);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Stays pending until the next wake-up.
                LogRoutingRetry(logger, ex, leadId, _routing.RetryEvery);
            }
        }

        var allWoken = await WakeDueLeadsAsync(now);
        var retry = S.PendingRouting.Count == 0 && allWoken ? (DateTimeOffset?)null : clock.GetUtcNow() + _routing.RetryEvery;
        S.WakeUpAt = Earliest(retry, S.NextLeadWake());
        await state.WriteOrFailAsync(this, logger);
    }

    /// <summary>
    /// Wakes the captured leads whose earliest deadline has come (their actors apply it and keep their deadlines from
    /// then on), oldest first; false when one failed (it and those after it are woken at the next wake-up).
    /// </summary>
    private async Task<bool> WakeDueLeadsAsync(DateTimeOffset now)
    {
        var due = S.Captures
            .Where(c => c.Routing?.WakeLeadAt is { } w && w <= now && (S.LeadsWokenThrough is null || w > S.LeadsWokenThrough))
            .OrderBy(c => c.Routing!.WakeLeadAt)
            .ToList();
        foreach (var captured in due)
        {
            var wakeAt = captured.Routing!.WakeLeadAt!.Value;
            try
            {
                await Lead(captured.LeadId).WakeUpAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Everything strictly before this one is done; this one (and any woken at the same time) goes again.
                S.LeadsWokenThrough = wakeAt - TimeSpan.FromTicks(1);
                LogRoutingRetry(logger, ex, captured.LeadId, _routing.RetryEvery);
                return false;
            }

            S.LeadsWokenThrough = wakeAt;
        }

        return true;
    }
}
