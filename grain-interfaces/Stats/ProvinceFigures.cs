namespace CrmActors.GrainInterfaces.Stats;

/// <summary>A province's figures and, under it, each of its cities' (leads placed in the province without a city count only in the total).</summary>
[GenerateSerializer, Immutable, Alias("crm.ProvinceFigures")]
public sealed record class ProvinceFigures(RegionFigures Total, IReadOnlyList<RegionFigures> Cities);
