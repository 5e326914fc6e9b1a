using CrmActors.GrainInterfaces.Imports;

namespace CrmActors.Grains.Imports;

/// <summary>The persisted state of an import.</summary>
[GenerateSerializer, Alias("crm.ImportState")]
public sealed class ImportState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "import";

    /// <summary>Rejected rows kept with their reason; the count is always complete.</summary>
    public const int RejectionLimit = 1000;

    /// <summary>Distinct unmapped values kept.</summary>
    public const int UnmappedLimit = 500;

    [Id(0)] public ImportStart? Start { get; set; }
    [Id(1)] public ImportStatus Status { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(4)] public DateTimeOffset LastProgressAt { get; set; }
    [Id(5)] public int RowsRead { get; set; }
    [Id(6)] public int Accepted { get; set; }
    [Id(7)] public int Duplicates { get; set; }
    [Id(8)] public int Rejected { get; set; }
    [Id(9)] public List<ImportRejection> Rejections { get; set; } = [];
    [Id(10)] public Dictionary<string, int> Unmapped { get; set; } = [];
    [Id(11)] public string? Failure { get; set; }
}
