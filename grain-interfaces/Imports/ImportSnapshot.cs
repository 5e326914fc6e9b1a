namespace CrmActors.GrainInterfaces.Imports;

/// <summary>An import as a reader sees it; <paramref name="CheckpointRow"/> is the row through which every outcome is counted.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportSnapshot")]
public sealed record class ImportSnapshot(
    string Id,
    ImportStart Start,
    ImportStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int RowsRead,
    int Accepted,
    int Duplicates,
    int Rejected,
    IReadOnlyList<ImportRejection> Rejections,
    IReadOnlyDictionary<string, int> Unmapped,
    string? Failure,
    int CheckpointRow,
    IReadOnlyList<ImportResumption> Resumptions);
