namespace CrmActors.GrainInterfaces.Imports;

/// <summary>
/// One bulk import: its progress, final report, and the lease that says which web API instance runs it.
/// Key: "{tenant}/{importId}". Progress is counted through a checkpoint (the last row of the file up to which every
/// row's outcome is counted), so an instance that takes a lapsed lease over continues after it and counts each row
/// once. Every lease holder's call carries its lease number: a holder that was taken over is refused.
/// </summary>
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Records that the import started and leases it to <paramref name="holder"/> for <paramref name="leaseFor"/>; a repeat by the same holder answers the same claim.</summary>
    Task<ImportClaim> StartAsync(ImportStart start, string holder, TimeSpan leaseFor);

    /// <summary>Takes a running import over when its lease lapsed (its holder stopped reporting or gave it up); null when the lease is live or the import ended or does not exist.</summary>
    Task<ImportClaim?> TryTakeOverAsync(string holder, TimeSpan leaseFor);

    /// <summary>Adds the outcomes of the rows settled after the checkpoint and renews the lease; a conflict when the lease is no longer <paramref name="lease"/>.</summary>
    Task ReportAsync(int lease, ImportProgress progress);

    /// <summary>Gives the lease up before it lapses (its holder is shutting down), so another instance resumes at once.</summary>
    Task ReleaseAsync(int lease);

    /// <summary>Marks the import finished, successfully or with the reason it stopped; a conflict when the lease is no longer <paramref name="lease"/>.</summary>
    Task<ImportSnapshot> FinishAsync(int lease, string? failure);

    /// <summary>The import, or null when it does not exist.</summary>
    Task<ImportSnapshot?> GetAsync();
}
