namespace CrmActors.GrainInterfaces.Imports;

/// <summary>An import taken over by another instance: when, after which row, and why.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportResumption")]
public sealed record class ImportResumption(DateTimeOffset At, int AfterRow, string Note);
