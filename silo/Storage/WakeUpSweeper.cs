using System.Globalization;
using CrmActors.GrainInterfaces.Common;
using CrmActors.Grains.Common;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CrmActors.Silo.Storage;

/// <summary>
/// Wakes grains whose stored state asked for it (<see cref="IWakeUpState"/>, the crm_grain_state.wake_at
/// column): every <see cref="GroupCommitOptions.WakeUpSweepEvery"/> it reads the due rows and calls
/// <see cref="IWakeUpGrain.WakeUpAsync"/> on each. Every silo sweeps; a grain woken twice finds nothing
/// left the second time, and a grain that cannot finish moves its own wake-up later, so a failing one does
/// not spin. Starts once the silo is active and stops before it shuts down.
/// </summary>
public sealed partial class WakeUpSweeper : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly StateTable _table;
    private readonly string _serviceId;
    private readonly GroupCommitOptions _options;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<WakeUpSweeper> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>Creates the sweeper over the same table as the storage provider.</summary>
    public WakeUpSweeper(
        StateTable table, GroupCommitOptions options, IOptions<ClusterOptions> cluster, IGrainFactory grains,
        [FromKeyedServices(CrmClock.Key)] TimeProvider clock, ILogger<WakeUpSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _table = table;
        _options = options;
        _serviceId = cluster.Value.ServiceId;
        _grains = grains;
        _clock = clock;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(WakeUpSweeper),
            ServiceLifecycleStage.Active,
            _ =>
            {
                // Counters start at zero, so alerts on their rate see a series before the first failure.
                StorageMetrics.WakeUpFailures.Add(0);
                _loop = Task.Run(LoopAsync, CancellationToken.None);
                return Task.CompletedTask;
            },
            async _ =>
            {
                await _stopping.CancelAsync();
                if (_loop is not null)
                {
                    await _loop;
                }
            });
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>Wakes every grain due now, a batch at a time; returns how many were woken.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var woken = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = await _table.DueWakeUpsAsync(_serviceId, _clock.GetUtcNow().UtcDateTime, _options.WakeUpBatch, ct);
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = _options.WakeUpParallelism, CancellationToken = ct },
                async (grainId, _) => await WakeAsync(grainId));
            woken += due.Count;
            StorageMetrics.WakeUpsDue.Add(due.Count);

            // A grain that could not finish moved its wake-up into the future, so the next batch holds others.
            if (due.Count < _options.WakeUpBatch)
            {
                break;
            }
        }

        return woken;
    }

    private async Task WakeAsync(string grainId)
    {
        try
        {
            await _grains.GetGrain<IWakeUpGrain>(GrainId.Parse(grainId, CultureInfo.InvariantCulture)).WakeUpAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row stays due; the next sweep tries again.
            LogWakeFailed(_logger, ex, grainId);
            StorageMetrics.WakeUpFailures.Add(1);
        }
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var woken = await SweepOnceAsync(_stopping.Token);
                if (woken > 0)
                {
                    LogSwept(_logger, woken);
                }

                await Task.Delay(_options.WakeUpSweepEvery, _clock, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down for a while; keep sweeping once it is back.
                LogSweepFailed(_logger, ex);
                try
                {
                    await Task.Delay(_options.WakeUpSweepEvery, _clock, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} grains whose state asked for it")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {GrainId} failed; it stays due")]
    private static partial void LogWakeFailed(ILogger logger, Exception ex, string grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wake-up sweep failed; retrying")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
