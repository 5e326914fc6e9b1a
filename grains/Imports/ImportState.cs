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

    /// <summary>Take-overs kept in the report.</summary>
    public const int ResumptionLimit = 50;

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

    /// <summary>The web API instance running the import (while it runs).</summary>
    [Id(12)] public string? LeaseHolder { get; set; }

    /// <summary>The current lease's number: 1 for the accepting instance, one more per take-over.</summary>
    [Id(13)] public int Lease { get; set; }

    /// <summary>When the lease lapses unless its holder reports again.</summary>
    [Id(14)] public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>How long each report renews the lease for.</summary>
    [Id(15)] public TimeSpan LeaseFor { get; set; }

    /// <summary>True when the holder gave the lease up (it was shutting down) rather than going silent.</summary>
    [Id(16)] public bool Released { get; set; }

    /// <summary>The row through which every row's outcome is counted (0: none yet).</summary>
    [Id(17)] public int CheckpointRow { get; set; }

    [Id(18)] public List<ImportResumption> Resumptions { get; set; } = [];
}
