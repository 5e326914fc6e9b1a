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

    /// <summary>How often each silo looks for grains whose state asked to be woken (crm_grain_state.wake_at).</summary>
    public TimeSpan WakeUpSweepEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most grains one sweep query returns (the sweep repeats while batches come back full).</summary>
    public int WakeUpBatch { get; set; } = 500;

    /// <summary>Wake-up calls in flight at once.</summary>
    public int WakeUpParallelism { get; set; } = 16;

    /// <summary>The connection string these options name, or a clear error naming the setting that is missing.</summary>
    public string ResolveConnectionString(IConfiguration configuration, string providerName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = ConnectionString ?? configuration.GetConnectionString(ConnectionName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Grain storage '{providerName}' needs ConnectionStrings:{ConnectionName} (or a ConnectionString setting).")
            : connectionString;
    }
}
