namespace CrmActors.GrainInterfaces.Imports;

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    /// <summary>Rows are being read and submitted.</summary>
    Running = 0,

    /// <summary>Every row was read; the report is final.</summary>
    Completed = 1,

    /// <summary>The import stopped early (the file turned out damaged); rows accepted so far stay imported.</summary>
    Failed = 2,

    /// <summary>The instance running it stopped (its lease lapsed); another web API instance resumes it after the checkpoint.</summary>
    Interrupted = 3,
}
