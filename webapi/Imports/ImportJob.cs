namespace CrmActors.WebApi.Imports;

/// <summary>An accepted upload waiting to be imported: whose, which import, and the spooled file.</summary>
public sealed record class ImportJob(string Tenant, string UserId, string ImportId, string FilePath, string FileName);
