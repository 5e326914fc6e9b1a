namespace CrmActors.WebApi.Imports;

/// <summary>An import this instance holds the lease on and is to run: whose, which file, the lease, and the checkpoint to continue after (0 from the start).</summary>
public sealed record class ImportJob(string Tenant, string UserId, string ImportId, string FileName, int Lease, int AfterRow);
