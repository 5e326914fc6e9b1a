namespace CrmActors.GrainInterfaces.Imports;

/// <summary>A slice of an import's progress since the previous report.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportProgress")]
public sealed record class ImportProgress(
    int RowsRead,
    int Accepted,
    int Duplicates,
    int Rejected,
    IReadOnlyList<ImportRejection> Rejections,
    IReadOnlyDictionary<string, int> Unmapped);
