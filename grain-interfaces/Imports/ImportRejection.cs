namespace CrmActors.GrainInterfaces.Imports;

/// <summary>A row that was not imported: its number in the file, the field at fault (if one) and why.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportRejection")]
public sealed record class ImportRejection(int Row, string? Field, string Reason);
