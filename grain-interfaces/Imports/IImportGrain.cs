namespace CrmActors.GrainInterfaces.Imports;

/// <summary>One bulk import: its file, progress and final report. Key: "{tenant}/{importId}".</summary>
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Records that the import started; idempotent.</summary>
    Task<ImportSnapshot> StartAsync(ImportStart start);

    /// <summary>Adds a slice of progress (counts and the rejections and unmapped values seen since the last report).</summary>
    Task ReportAsync(ImportProgress progress);

    /// <summary>Marks the import finished, successfully or with the reason it stopped.</summary>
    Task<ImportSnapshot> FinishAsync(string? failure);

    /// <summary>The import, or null when it does not exist.</summary>
    Task<ImportSnapshot?> GetAsync();
}
