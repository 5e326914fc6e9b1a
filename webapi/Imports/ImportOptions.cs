namespace CrmActors.WebApi.Imports;

/// <summary>Durable imports (configuration section "Imports"; docs/adr/0007-durable-imports.md).</summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Imports";

    /// <summary>
    /// Where accepted files are kept until their import completes: <c>MySql</c> (the crm database, shared by every
    /// instance) or <c>Memory</c> (this process only, for the database-free quick try and tests). Unset: <c>MySql</c>
    /// when ConnectionStrings:crm is set, <c>Memory</c> otherwise.
    /// </summary>
    public string? FileStore { get; set; }

    /// <summary>How long a lease lasts without a progress report; an instance silent this long is taken over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running import reports its settled rows (which renews its lease).</summary>
    public TimeSpan ReportEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each instance looks for imports whose lease lapsed.</summary>
    public TimeSpan ResumeEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A stored file that no import refers to (its upload died before the import started) is deleted after this long.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The size of a stored file's chunks (one database row each).</summary>
    public int FileChunkBytes { get; set; } = 1024 * 1024;
}
