namespace CrmActors.WebApi.Contracts;

/// <summary>
/// An import as the API returns it: status (Running, Completed, Failed, Interrupted), counts and the report. Counts
/// cover the rows through <c>CheckpointRow</c>, each row once; <c>Resumptions</c> says when another instance took the
/// import over and after which row.
/// </summary>
public sealed record class ImportResponse(
    string Id,
    string FileName,
    string Format,
    string? Encoding,
    IReadOnlyList<string> IgnoredColumns,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int RowsRead,
    int Accepted,
    int Duplicates,
    int Rejected,
    IReadOnlyList<ImportRejectionResponse> Rejections,
    IReadOnlyList<UnmappedValueResponse> UnmappedChannels,
    string? Failure,
    string StartedBy,
    int CheckpointRow,
    IReadOnlyList<ImportResumptionResponse> Resumptions);

/// <summary>An import continued by another web API instance: when, after which row, and why.</summary>
public sealed record class ImportResumptionResponse(DateTimeOffset At, int AfterRow, string Note);

/// <summary>A row that was not imported.</summary>
public sealed record class ImportRejectionResponse(int Row, string? Field, string Reason);

/// <summary>A channel value the dictionary did not know, and how many rows carried it.</summary>
public sealed record class UnmappedValueResponse(string Value, int Rows);
