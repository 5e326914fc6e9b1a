namespace CrmActors.Silo.Storage;

/// <summary>Settings of the group-commit grain storage (Orleans:GrainStorage:{name}).</summary>
public sealed class GroupCommitOptions
{
    /// <summary>The connection string name under ConnectionStrings, when <see cref="ConnectionString"/> is not set.</summary>
    public string ConnectionName { get; set; } = "crm";

    /// <summary>The MySqlConnector connection string; wins over <see cref="ConnectionName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Transactions that may be open at once. More overlap hides commit latency; too many contend.</summary>
    public int Writers { get; set; } = 4;

    /// <summary>Batched reads that may run at once.</summary>
    public int Readers { get; set; } = 2;

    /// <summary>Most rows committed in one transaction.</summary>
    public int MaxBatchRows { get; set; } = 256;

    /// <summary>Most payload bytes in one transaction; kept well under max_allowed_packet.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;
}
