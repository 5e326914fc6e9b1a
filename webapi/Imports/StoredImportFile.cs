namespace CrmActors.WebApi.Imports;

/// <summary>A stored import file: whose, which import, its size, when it was stored, and whether its upload completed.</summary>
public sealed record class StoredImportFile(string Tenant, string ImportId, long Bytes, DateTimeOffset StoredAt, bool Complete);
