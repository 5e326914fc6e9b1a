namespace CrmActors.WebApi.Intake;

/// <summary>Intake limits (configuration section "Intake").</summary>
public sealed class IntakeOptions
{
    /// <summary>Submissions in flight to the cluster at once, per web API instance.</summary>
    public int MaxConcurrent { get; set; } = 512;

    /// <summary>Submissions waiting for a permit before new ones are refused.</summary>
    public int QueueLimit { get; set; } = 4096;

    /// <summary>The Retry-After a refused client gets.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Rows of one import submitted at once.</summary>
    public int ImportConcurrency { get; set; } = 64;

    /// <summary>Largest import file accepted, in bytes.</summary>
    public long MaxImportBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The most text an .xlsx file's shared string table may unpack to, in UTF-8 bytes (1 GB; see <see cref="CrmActors.Intake.LeadFileOptions"/>).</summary>
    public long MaxSharedStringBytes { get; set; } = CrmActors.Intake.LeadFileOptions.Default.MaxSharedStringBytes;

    /// <summary>The limits the import file reader applies.</summary>
    public CrmActors.Intake.LeadFileOptions FileOptions() => new() { MaxSharedStringBytes = MaxSharedStringBytes };
}
