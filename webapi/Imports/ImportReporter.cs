using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Sends one running import's settled rows to its actor on a period, which also renews the lease. A report the actor
/// did not confirm is sent again unchanged before anything newer (the actor ignores one it already applied), so a
/// row is counted once however often a report is retried. A refusal under the lease means another instance took
/// the import over: the run is cancelled.
/// </summary>
internal sealed partial class ImportReporter(IImportGrain import, int lease, ImportTally tally, TimeProvider clock, ILogger logger, string importId) : IAsyncDisposable
{
    private const int FlushAttempts = 5;

    private readonly CancellationTokenSource _stop = new();
    private ImportProgress? _unconfirmed;
    private Task _loop = Task.CompletedTask;

    /// <summary>True once the actor refused this lease: another instance runs the import now.</summary>
    public bool LeaseLost { get; private set; }

    /// <summary>Starts reporting every <paramref name="every"/>; cancels <paramref name="run"/> when the lease is lost.</summary>
    public void Start(TimeSpan every, CancellationTokenSource run) => _loop = LoopAsync(every, run);

    /// <summary>Stops the periodic reports (a report in flight completes).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    /// <summary>Reports until every settled row is confirmed; false when the lease was lost or the actor stayed unreachable.</summary>
    public async Task<bool> FlushAsync()
    {
        for (var failures = 0; !LeaseLost && failures < FlushAttempts;)
        {
            if (!await SendAsync())
            {
                failures++;
                await Task.Delay(TimeSpan.FromMilliseconds(200 * failures), clock);
            }
            else if (_unconfirmed is null && !tally.HasUnreported)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan every, CancellationTokenSource run)
    {
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SendAsync();
                if (LeaseLost)
                {
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends the unconfirmed report, else the rows settled since the last one; true when the actor confirmed it.</summary>
    private async Task<bool> SendAsync()
    {
        _unconfirmed ??= tally.TakeSlice();
        try
        {
            await import.ReportAsync(lease, _unconfirmed);
            _unconfirmed = null;
            return true;
        }
        catch (CrmException ex) when (ex.Code is CrmErrorCode.Conflict or CrmErrorCode.NotFound)
        {
            LogLeaseLost(logger, importId, ex.Message);
            LeaseLost = true;
            return false;
        }
        catch (Exception ex)
        {
            // Cluster or storage briefly unreachable, most likely. The lease outlives a few missed reports; past it,
            // another instance takes over and this one is refused.
            LogReportFailed(logger, ex, importId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: progress report failed; it is sent again")]
    private static partial void LogReportFailed(ILogger logger, Exception ex, string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: this instance no longer holds the lease ({Reason}); it stops")]
    private static partial void LogLeaseLost(ILogger logger, string importId, string reason);
}
