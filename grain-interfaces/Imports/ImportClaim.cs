namespace CrmActors.GrainInterfaces.Imports;

/// <summary>A granted lease on an import: its number (carried by every report) and the import as it stands, checkpoint included.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportClaim")]
public sealed record class ImportClaim(int Lease, ImportSnapshot Import);
