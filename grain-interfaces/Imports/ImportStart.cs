namespace CrmActors.GrainInterfaces.Imports;

/// <summary>What is known when an import starts.</summary>
[GenerateSerializer, Immutable, Alias("crm.ImportStart")]
public sealed record class ImportStart(string FileName, string Format, string? Encoding, IReadOnlyList<string> IgnoredColumns, string StartedBy);
