namespace CrmActors.GrainInterfaces.Imports;

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    /// <summary>Rows are being read and submitted.</summary>
    Running = 0,

    /// <summary>Every row was read; the report is final.</summary>
    Completed = 1,

    /// <summary>The import stopped early; rows accepted so far stay imported.</summary>
    Failed = 2,

    /// <summary>No progress for a while (its web API instance stopped); upload the file again: accepted rows come back as duplicates.</summary>
    Interrupted = 3,
}
