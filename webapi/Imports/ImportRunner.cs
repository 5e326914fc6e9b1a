using System.Collections.Concurrent;
using System.Threading.Channels;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Intake;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Runs the imports this instance holds a lease on, in the background and streaming: rows are read one at a time
/// from the stored file, validated by the same rules as the API and submitted through intake with a bounded number
/// in flight, so memory stays flat whatever the file size. Each row's idempotency key is derived from (import, row),
/// so a row submitted again (by a resumed run) lands once and is answered with its first outcome. Rows' outcomes
/// reach the import's actor in file order (<see cref="ImportTally"/>), which makes the actor's count a checkpoint a
/// resumed run continues after. When the host stops, a run reports what settled and gives its lease up.
/// </summary>
public sealed partial class ImportRunner(
    IGrainFactory grains,
    LeadIntake intake,
    IImportFileStore files,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<ImportOptions> importOptions,
    TimeProvider clock,
    ILogger<ImportRunner> logger) : BackgroundService
{
    private const int QueueCapacity = 16;

    private readonly Channel<ImportJob> _jobs = Channel.CreateBounded<ImportJob>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<(string Tenant, string ImportId), ImportJob> _held = new();

    /// <summary>This instance's name on the leases it holds; unique per process, so a restarted instance is a new holder.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when another import can be queued now.</summary>
    public bool HasRoom => _jobs.Reader.Count < QueueCapacity;

    /// <summary>The idempotency key of an import's row: the same for every run of the import, so a row submitted again lands once.</summary>
    public static string RowKey(string importId, int row) =>
        IntakeIds.SubmissionKey("import", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{importId}:{row}"));

    /// <summary>True when this instance runs (or has queued) the import.</summary>
    public bool Holds(string tenant, string importId) => _held.ContainsKey((tenant, importId));

    /// <summary>Queues an import this instance holds the lease on; false when too many are waiting or it is already queued.</summary>
    public bool TryEnqueue(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_held.TryAdd((job.Tenant, job.ImportId), job))
        {
            return false;
        }

        if (_jobs.Writer.TryWrite(job))
        {
            return true;
        }

        _held.TryRemove((job.Tenant, job.ImportId), out _);
        return false;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                _jobs.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = stoppingToken },
                async (job, ct) =>
                {
                    try
                    {
                        await RunAsync(job, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Never take the host down over one import: its lease lapses and the sweep retries it.
                        LogImportFailed(logger, ex, job.ImportId);
                    }
                    finally
                    {
                        _held.TryRemove((job.Tenant, job.ImportId), out _);
                    }
                });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Imports still queued are handed on at once rather than when their leases lapse.
            while (_jobs.Reader.TryRead(out var queued))
            {
                await ReleaseAsync(queued);
            }
        }
    }

    /// <summary>Runs one import under its lease to the end of the file (or until the lease is lost or the host stops).</summary>
    public async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var import = grains.GetGrain<IImportGrain>(GrainKeys.For(job.Tenant, job.ImportId));
        var tally = new ImportTally(job.AfterRow);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var reporter = new ImportReporter(import, job.Lease, tally, clock, logger, job.ImportId);
        reporter.Start(importOptions.Value.ReportEvery, run);

        // Ended: the file was read to its end or cannot be read further, so the import finishes here. Otherwise the
        // run was stopped (host stopping, lease lost, storage briefly unreachable) and the import resumes later.
        string? failure = null;
        var ended = false;
        try
        {
            await using var file = await files.OpenReadAsync(job.Tenant, job.ImportId, run.Token)
                ?? throw new LeadFileException("The uploaded file is no longer stored; upload it again (rows imported so far come back as duplicates).");
            using var reader = await LeadFileReader.OpenAsync(file, job.FileName, intakeOptions.Value.FileOptions(), run.Token);
            await ImportRowsAsync(job, reader, tally, run.Token);
            ended = true;
        }
        catch (LeadFileException ex)
        {
            failure = ex.Message;
            ended = true;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (OrleansFailures.IsTransient(ex, CancellationToken.None))
        {
            LogImportPaused(logger, ex, job.ImportId);
        }
        catch (Exception ex)
        {
            LogImportFailed(logger, ex, job.ImportId);
            failure = "The import stopped unexpectedly; it has been logged. Rows imported so far are recognised as duplicates if the file is uploaded again.";
            ended = true;
        }

        await reporter.StopAsync();
        if (!await reporter.FlushAsync())
        {
            // Lease lost, or the actor unreachable: the checkpoint it has is exact, and whoever resumes goes on from it.
            return;
        }

        try
        {
            if (ended)
            {
                await import.FinishAsync(job.Lease, failure);
                await files.DeleteAsync(job.Tenant, job.ImportId, CancellationToken.None);
            }
            else
            {
                await import.ReleaseAsync(job.Lease);
            }
        }
        catch (Exception ex) when (ex is CrmException or OrleansException || OrleansFailures.IsTransient(ex, CancellationToken.None))
        {
            // Not finished: the lease lapses and another run finds nothing left to read but this last step.
            LogImportFailed(logger, ex, job.ImportId);
        }
    }

    private async Task ReleaseAsync(ImportJob job)
    {
        try
        {
            await grains.GetGrain<IImportGrain>(GrainKeys.For(job.Tenant, job.ImportId)).ReleaseAsync(job.Lease);
        }
        catch (Exception ex) when (ex is CrmException or OrleansException || OrleansFailures.IsTransient(ex, CancellationToken.None))
        {
            LogImportFailed(logger, ex, job.ImportId);
        }
    }

    private async Task ImportRowsAsync(ImportJob job, LeadFileReader reader, ImportTally tally, CancellationToken ct)
    {
        var channels = await intake.ChannelsAsync(job.Tenant);
        var concurrency = intakeOptions.Value.ImportConcurrency;
        using var inFlight = new SemaphoreSlim(concurrency);

        // Rows settled after one still in flight wait in the tally until it settles; this bounds how many.
        using var window = new SemaphoreSlim(Math.Max(1024, 16 * concurrency));

        // Rows run concurrently, except rows of one phone, which run in file order: the first is the lead and
        // the later ones are reported as its duplicates, whatever finishes first.
        var byPhone = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in reader.ReadRowsAsync(ct))
            {
                if (row.RowNumber <= job.AfterRow)
                {
                    // Counted before the checkpoint, by the run this one resumes.
                    continue;
                }

                await window.WaitAsync(ct);
                await inFlight.WaitAsync(ct);
                tally.Begin(row.RowNumber);
                var phone = row.Phone is { } raw && PhoneNumber.TryNormalize(raw, out var normalized, out _) ? normalized : null;
                var before = phone is not null && byPhone.TryGetValue(phone, out var earlier) ? earlier : Task.CompletedTask;
                var task = AfterAsync(before, async () =>
                {
                    var joined = tally.Settle(row.RowNumber, await ImportRowSafelyAsync(job, channels, row));
                    if (joined > 0)
                    {
                        window.Release(joined);
                    }
                });
                if (phone is not null)
                {
                    byPhone[phone] = task;
                    if (byPhone.Count >= 4 * concurrency)
                    {
                        // Keep only phones with a row still in flight: memory stays flat over any file.
                        foreach (var done in byPhone.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
                        {
                            byPhone.Remove(done);
                        }
                    }
                }

                _ = task.ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
            }
        }
        finally
        {
            // Wait for the rows in flight, also when reading stopped early (a damaged sheet, the host stopping), so
            // each one is counted and none releases a semaphore after it is disposed.
            for (var i = 0; i < concurrency; i++)
            {
                await inFlight.WaitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task AfterAsync(Task before, Func<Task> next)
    {
        await before;
        await next();
    }

    private async Task<RowOutcome> ImportRowSafelyAsync(ImportJob job, ChannelDictionary channels, ImportRow row)
    {
        try
        {
            return await ImportRowAsync(job, channels, row);
        }
        catch (Exception ex)
        {
            // A row's failure never stops the import or goes uncounted.
            LogRowFailed(logger, ex, job.ImportId, row.RowNumber);
            return RowOutcome.Rejected(row.RowNumber, null, "Unexpected error; it has been logged. Try this row again.");
        }
    }

    private async Task<RowOutcome> ImportRowAsync(ImportJob job, ChannelDictionary channels, ImportRow row)
    {
        var (lead, rejection, unmapped) = ImportRowMapping.Map(row, channels, job.UserId);
        if (lead is null)
        {
            return rejection!;
        }

        var key = RowKey(job.ImportId, row.RowNumber);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A row a stopped run had submitted already is answered with its first outcome (Replayed for a
                // created lead, Duplicate for a duplicate), so it is counted as what it was.
                var result = await intake.SubmitAsync(job.Tenant, new LeadSubmission(lead, key));
                return result.Outcome == IntakeOutcome.Duplicate ? RowOutcome.Duplicate(unmapped) : RowOutcome.Accepted(unmapped);
            }
            catch (CrmException ex) when (ex.Code != CrmErrorCode.StorageUnavailable)
            {
                return RowOutcome.Rejected(row.RowNumber, ex.Field, ex.Message, unmapped);
            }
            catch (Exception ex) when (attempt < 3 && OrleansFailures.IsTransient(ex, CancellationToken.None))
            {
                // Transient (storage or cluster): the derived lead id makes the retry safe.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock);
            }
            catch (Exception ex) when (OrleansFailures.IsTransient(ex, CancellationToken.None))
            {
                LogRowFailed(logger, ex, job.ImportId, row.RowNumber);
                return RowOutcome.Rejected(row.RowNumber, null, "Could not be stored: the cluster or database was briefly unavailable. Try this row again.", unmapped);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: row {Row} failed")]
    private static partial void LogRowFailed(ILogger logger, Exception ex, string importId, int row);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception ex, string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: paused, the cluster or database is unreachable; it resumes from its checkpoint")]
    private static partial void LogImportPaused(ILogger logger, Exception ex, string importId);
}
