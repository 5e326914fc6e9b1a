using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using CrmActors.GrainInterfaces.Common;
using CrmActors.Grains.Common;
using Orleans.Storage;

namespace CrmActors.Silo.Storage;

/// <summary>
/// Grain storage that commits many grains' writes in one database transaction. Each caller's write
/// completes only after the transaction holding it committed (innodb_flush_log_at_trx_commit=1 makes that
/// durable), so "acknowledged means durable" holds; what changes is that at peak one commit and one round
/// trip carry hundreds of grains instead of one. Reads are batched the same way. Optimistic concurrency
/// is per row: a write lands only on top of the version its grain read (docs/adr/0004-group-commit-storage.md).
/// </summary>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly string _serviceId;
    private readonly GroupCommitOptions _options;
    private readonly StateTable _table;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<GroupCommitGrainStorage> _logger;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Channel<PendingRead> _reads = Channel.CreateUnbounded<PendingRead>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock _startLock = new();
    private Task[]? _loops;

    /// <summary>Creates the provider; its loops start with the first call or the silo, whichever comes first.</summary>
    public GroupCommitGrainStorage(
        string name, GroupCommitOptions options, IOptions<ClusterOptions> cluster, IGrainStorageSerializer serializer,
        IConfiguration configuration, ILogger<GroupCommitGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(configuration);
        _name = name;
        _options = options;
        _serviceId = cluster.Value.ServiceId;
        _serializer = serializer;
        _logger = logger;
        _table = new StateTable(options.ResolveConnectionString(configuration, name));
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        EnsureStarted();
        var pending = new PendingRead(new StateKey(_serviceId, stateName, grainId.ToString()).Hash());
        await _reads.Writer.WriteAsync(pending);
        var stored = await pending.Completion.Task;
        if (stored is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored.Payload is not null;
        if (stored.Payload is not null)
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(stored.Payload));
        }
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var wakeAt = (grainState.State as IWakeUpState)?.WakeUpAt?.UtcDateTime;
        return CommitAsync(stateName, grainId, grainState, payload, wakeAt, (grainState.State as IJournalRowsState)?.Outgoing);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        return CommitAsync(stateName, grainId, grainState, payload: null, wakeAt: null, rows: null);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Started with storage, stopped after the grains (which write on deactivation) are gone.
        lifecycle.Subscribe(
            OptionFormattingUtilities.Name<GroupCommitGrainStorage>(_name),
            ServiceLifecycleStage.RuntimeStorageServices,
            _ => { EnsureStarted(); return Task.CompletedTask; },
            _ => DrainAsync());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await DrainAsync();

    private async Task CommitAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[]? payload, DateTime? wakeAt, JournalRows? rows)
    {
        EnsureStarted();
        int? expected = grainState.ETag is { } etag ? int.Parse(etag, CultureInfo.InvariantCulture) : null;
        var sideRows = rows is { Pending.Count: > 0 } ? rows.Pending.ToArray() : null;
        var write = new StateWrite(new StateKey(_serviceId, stateName, grainId.ToString()), expected, payload, wakeAt, sideRows);
        var pending = new PendingWrite(write);
        await _writes.Writer.WriteAsync(pending);
        var outcome = await pending.Completion.Task;
        if (!outcome.Applied)
        {
            throw new InconsistentStateException(
                $"Grain storage '{_name}': {grainId} ({stateName}) was written by another activation; this one read version {grainState.ETag ?? "none"}.",
                outcome.StoredVersion?.ToString(CultureInfo.InvariantCulture) ?? "none",
                grainState.ETag ?? "none");
        }

        grainState.ETag = write.NewVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
        if (sideRows is not null)
        {
            rows!.MarkCommitted();
        }
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _loops) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            // Starts at zero, so alerts on its rate see a series before the first failure.
            StorageMetrics.CommitFailures.Add(0, new KeyValuePair<string, object?>(StorageMetrics.StorageTag, _name));
            _loops ??= [
                .. Enumerable.Range(0, Math.Max(1, _options.Writers)).Select(_ => Task.Run(WriteLoopAsync)),
                .. Enumerable.Range(0, Math.Max(1, _options.Readers)).Select(_ => Task.Run(ReadLoopAsync)),
            ];
        }
    }

    private async Task DrainAsync()
    {
        _writes.Writer.TryComplete();
        _reads.Writer.TryComplete();
        if (Volatile.Read(ref _loops) is { } loops)
        {
            await Task.WhenAll(loops);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchRows);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var bytes = 0;
            while (batch.Count < _options.MaxBatchRows && bytes < _options.MaxBatchBytes && _writes.Reader.TryRead(out var next))
            {
                batch.Add(next);
                bytes += next.Write.Size;
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var tag = new KeyValuePair<string, object?>(StorageMetrics.StorageTag, _name);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var outcomes = await _table.WriteAsync([.. batch.Select(p => p.Write)], CancellationToken.None);
                StorageMetrics.CommitRows.Record(batch.Count, tag);
                StorageMetrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception ex)
            {
                // Nothing of the batch was committed: every caller learns its write failed.
                LogBatchFailed(_logger, ex, _name, batch.Count);
                StorageMetrics.CommitFailures.Add(1, tag);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<PendingRead>(_options.MaxBatchRows);
        while (await _reads.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchRows && _reads.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var found = await _table.ReadAsync([.. batch.Select(p => p.Key).DistinctBy(Convert.ToHexString)], CancellationToken.None);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult(found.GetValueOrDefault(Convert.ToHexString(pending.Key)));
                }
            }
            catch (Exception ex)
            {
                LogReadFailed(_logger, ex, _name, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name}: a batch of {Count} writes failed; none was stored")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, string name, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name}: a batch of {Count} reads failed")]
    private static partial void LogReadFailed(ILogger logger, Exception ex, string name, int count);

    private sealed record class PendingWrite(StateWrite Write)
    {
        public TaskCompletionSource<WriteOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record class PendingRead(byte[] Key)
    {
        public TaskCompletionSource<StoredState?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
