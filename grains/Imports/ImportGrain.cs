using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Imports;

/// <summary>The progress and report of one import; the rows themselves go through intake like any submission.</summary>
public sealed class ImportGrain(
    [PersistentState(ImportState.StateName, CrmStorage.Name)] IPersistentState<ImportState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    /// <summary>A running import that reported nothing for this long is shown as interrupted.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(2);

    private ImportState S => state.State;

    /// <inheritdoc />
    public async Task<ImportSnapshot> StartAsync(ImportStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (S.Start is null)
        {
            S.Start = start;
            S.Status = ImportStatus.Running;
            S.StartedAt = S.LastProgressAt = clock.GetUtcNow();
            await state.WriteOrFailAsync(this, logger);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task ReportAsync(ImportProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        RequireRunning();
        S.RowsRead += progress.RowsRead;
        S.Accepted += progress.Accepted;
        S.Duplicates += progress.Duplicates;
        S.Rejected += progress.Rejected;
        S.Rejections.AddRange(progress.Rejections.Take(ImportState.RejectionLimit - S.Rejections.Count));
        foreach (var (value, count) in progress.Unmapped)
        {
            if (S.Unmapped.ContainsKey(value) || S.Unmapped.Count < ImportState.UnmappedLimit)
            {
                S.Unmapped[value] = S.Unmapped.GetValueOrDefault(value) + count;
            }
        }

        S.LastProgressAt = clock.GetUtcNow();
        await state.WriteOrFailAsync(this, logger);
    }

    /// <inheritdoc />
    public async Task<ImportSnapshot> FinishAsync(string? failure)
    {
        RequireRunning();
        S.Status = failure is null ? ImportStatus.Completed : ImportStatus.Failed;
        S.Failure = failure;
        S.FinishedAt = clock.GetUtcNow();
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ImportSnapshot?> GetAsync() => Task.FromResult(S.Start is null ? null : Snapshot());

    private void RequireRunning()
    {
        if (S.Start is null)
        {
            throw CrmException.NotFound("Import", GrainKeys.Parse(this.GetPrimaryKeyString()).Id, "importId");
        }

        if (S.Status != ImportStatus.Running)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"The import already ended ({S.Status}).", "importId");
        }
    }

    private ImportSnapshot Snapshot()
    {
        var status = S.Status == ImportStatus.Running && clock.GetUtcNow() - S.LastProgressAt > StallAfter ? ImportStatus.Interrupted : S.Status;
        return new ImportSnapshot(
            GrainKeys.Parse(this.GetPrimaryKeyString()).Id, S.Start!, status, S.StartedAt, S.FinishedAt,
            S.RowsRead, S.Accepted, S.Duplicates, S.Rejected, [.. S.Rejections],
            new Dictionary<string, int>(S.Unmapped, StringComparer.Ordinal), S.Failure);
    }
}
