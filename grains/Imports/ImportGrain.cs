using System.Globalization;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Imports;

/// <summary>
/// The progress, report and lease of one import; the rows themselves go through intake like any submission. Being
/// one single-threaded actor, it grants the lease atomically: of two instances asking to take a lapsed import over,
/// one gets it, and reports under an older lease are refused (docs/adr/0007-durable-imports.md).
/// </summary>
public sealed class ImportGrain(
    [PersistentState(ImportState.StateName, CrmStorage.Name)] IPersistentState<ImportState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    private ImportState S => state.State;

    /// <inheritdoc />
    public async Task<ImportClaim> StartAsync(ImportStart start, string holder, TimeSpan leaseFor)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseFor, TimeSpan.Zero);
        if (S.Start is not null)
        {
            return S.LeaseHolder == holder && S.Status == ImportStatus.Running
                ? new ImportClaim(S.Lease, Snapshot())
                : throw new CrmException(CrmErrorCode.Conflict, "The import was already started.", "importId");
        }

        var now = clock.GetUtcNow();
        S.Start = start;
        S.Status = ImportStatus.Running;
        S.StartedAt = S.LastProgressAt = now;
        Grant(holder, leaseFor, now);
        await state.WriteOrFailAsync(this, logger);
        return new ImportClaim(S.Lease, Snapshot());
    }

    /// <inheritdoc />
    public async Task<ImportClaim?> TryTakeOverAsync(string holder, TimeSpan leaseFor)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseFor, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        if (S.Start is null || S.Status != ImportStatus.Running || now < S.LeaseUntil)
        {
            return null;
        }

        var who = S.Resumptions.Count == 0 ? "the instance that accepted it" : "the instance that resumed it";
        var why = S.Released
            ? "shut down"
            : string.Create(CultureInfo.InvariantCulture, $"stopped (last heard from {S.LastProgressAt:yyyy-MM-dd HH:mm:ss} UTC)");
        var resumption = new ImportResumption(now, S.CheckpointRow, $"Resumed after row {S.CheckpointRow.ToString(CultureInfo.InvariantCulture)}: {who} {why}.");
        if (S.Resumptions.Count < ImportState.ResumptionLimit)
        {
            S.Resumptions.Add(resumption);
        }

        Grant(holder, leaseFor, now);
        await state.WriteOrFailAsync(this, logger);
        return new ImportClaim(S.Lease, Snapshot());
    }

    /// <inheritdoc />
    public async Task ReportAsync(int lease, ImportProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        RequireHolder(lease);
        if (progress.RowsRead != progress.Accepted + progress.Duplicates + progress.Rejected || progress.ThroughRow < progress.AfterRow)
        {
            throw new ArgumentException("A progress report counts each row it covers exactly once.", nameof(progress));
        }

        // Reports are idempotent: a retried report the actor already applied only renews the lease.
        var alreadyApplied = progress.AfterRow < S.CheckpointRow && progress.ThroughRow == S.CheckpointRow;
        if (!alreadyApplied)
        {
            if (progress.AfterRow != S.CheckpointRow)
            {
                throw new CrmException(
                    CrmErrorCode.Conflict,
                    string.Create(CultureInfo.InvariantCulture, $"The report covers rows after {progress.AfterRow}, but the import is counted through row {S.CheckpointRow}."),
                    "checkpoint");
            }

            Apply(progress);
        }

        var now = clock.GetUtcNow();
        S.LastProgressAt = now;
        S.LeaseUntil = now + S.LeaseFor;
        await state.WriteOrFailAsync(this, logger);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(int lease)
    {
        RequireHolder(lease);
        S.LeaseUntil = clock.GetUtcNow();
        S.Released = true;
        await state.WriteOrFailAsync(this, logger);
    }

    /// <inheritdoc />
    public async Task<ImportSnapshot> FinishAsync(int lease, string? failure)
    {
        RequireHolder(lease);
        S.Status = failure is null ? ImportStatus.Completed : ImportStatus.Failed;
        S.Failure = failure;
        S.FinishedAt = clock.GetUtcNow();
        S.LeaseHolder = null;
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ImportSnapshot?> GetAsync() => Task.FromResult(S.Start is null ? null : Snapshot());

    private void Grant(string holder, TimeSpan leaseFor, DateTimeOffset now)
    {
        S.Lease++;
        S.LeaseHolder = holder;
        S.LeaseFor = leaseFor;
        S.LeaseUntil = now + leaseFor;
        S.Released = false;
    }

    private void Apply(ImportProgress progress)
    {
        S.RowsRead += progress.RowsRead;
        S.Accepted += progress.Accepted;
        S.Duplicates += progress.Duplicates;
        S.Rejected += progress.Rejected;
        S.CheckpointRow = progress.ThroughRow;
        S.Rejections.AddRange(progress.Rejections.Take(ImportState.RejectionLimit - S.Rejections.Count));
        foreach (var (value, count) in progress.Unmapped)
        {
            if (S.Unmapped.ContainsKey(value) || S.Unmapped.Count < ImportState.UnmappedLimit)
            {
                S.Unmapped[value] = S.Unmapped.GetValueOrDefault(value) + count;
            }
        }
    }

    private void RequireHolder(int lease)
    {
        if (S.Start is null)
        {
            throw CrmException.NotFound("Import", GrainKeys.Parse(this.GetPrimaryKeyString()).Id, "importId");
        }

        if (S.Status != ImportStatus.Running)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"The import already ended ({S.Status}).", "importId");
        }

        if (lease != S.Lease)
        {
            throw new CrmException(CrmErrorCode.Conflict, "Another instance took this import over; this one must stop.", "lease");
        }
    }

    private ImportSnapshot Snapshot()
    {
        var status = S.Status == ImportStatus.Running && clock.GetUtcNow() >= S.LeaseUntil ? ImportStatus.Interrupted : S.Status;
        return new ImportSnapshot(
            GrainKeys.Parse(this.GetPrimaryKeyString()).Id, S.Start!, status, S.StartedAt, S.FinishedAt,
            S.RowsRead, S.Accepted, S.Duplicates, S.Rejected, [.. S.Rejections],
            new Dictionary<string, int>(S.Unmapped, StringComparer.Ordinal), S.Failure,
            S.CheckpointRow, [.. S.Resumptions]);
    }
}
