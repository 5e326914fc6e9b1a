namespace CrmActors.GrainInterfaces.Imports;

/// <summary>
/// The outcomes of the rows after <paramref name="AfterRow"/> through <paramref name="ThroughRow"/> (row numbers in
/// the file; every row in between is settled): counts, and the rejections and unmapped values among them.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ImportProgress")]
public sealed record class ImportProgress(
    int RowsRead,
    int Accepted,
    int Duplicates,
    int Rejected,
    IReadOnlyList<ImportRejection> Rejections,
    IReadOnlyDictionary<string, int> Unmapped,
    int AfterRow,
    int ThroughRow);
