using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.WebApi.Errors;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Every <see cref="ImportOptions.ResumeEvery"/>, looks through the stored import files for imports whose lease
/// lapsed (the instance running them died or shut down) and takes them over: the import's actor grants the lease to
/// one asker only, and the run continues after the actor's checkpoint. Files of finished imports and files no import
/// ever started (the upload died) are deleted on the way.
/// </summary>
public sealed partial class ImportResumer(
    IGrainFactory grains,
    ImportRunner runner,
    IImportFileStore files,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportResumer> logger) : BackgroundService
{
    /// <summary>One sweep: takes over every lapsed import this instance has room for; returns the ids it took.</summary>
    public async Task<IReadOnlyList<string>> ResumeLapsedAsync(CancellationToken cancellationToken)
    {
        var taken = new List<string>();
        foreach (var file in await files.ListAsync(cancellationToken))
        {
            if (runner.Holds(file.Tenant, file.ImportId))
            {
                continue;
            }

            var import = grains.GetGrain<IImportGrain>(GrainKeys.For(file.Tenant, file.ImportId));
            var snapshot = await import.GetAsync();
            if (snapshot is null || snapshot.Status is ImportStatus.Completed or ImportStatus.Failed)
            {
                // A finished import whose run died before deleting its file, or an upload that never became an import.
                if (snapshot is not null || clock.GetUtcNow() - file.StoredAt > options.Value.OrphanAfter)
                {
                    await files.DeleteAsync(file.Tenant, file.ImportId, cancellationToken);
                }

                continue;
            }

            if (snapshot.Status != ImportStatus.Interrupted || !runner.HasRoom)
            {
                continue;
            }

            if (await import.TryTakeOverAsync(runner.Holder, options.Value.LeaseDuration) is not { } claim)
            {
                continue;
            }

            var job = new ImportJob(file.Tenant, claim.Import.Start.StartedBy, file.ImportId, claim.Import.Start.FileName, claim.Lease, claim.Import.CheckpointRow);
            if (!runner.TryEnqueue(job))
            {
                await import.ReleaseAsync(claim.Lease);
                continue;
            }

            LogResumed(logger, file.ImportId, claim.Import.CheckpointRow);
            taken.Add(file.ImportId);
        }

        return taken;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ResumeEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ResumeLapsedAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is CrmException or OrleansException || OrleansFailures.IsTransient(ex, CancellationToken.None))
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId}: taken over, continuing after row {Row}")]
    private static partial void LogResumed(ILogger logger, string importId, int row);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep for lapsed imports failed; it runs again shortly")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
