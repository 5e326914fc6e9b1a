namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// Where a lead is: its province-level division and, when known, its city, by their pinyin/English names
/// (<c>Intake.ChinaRegions</c>), and which source gave them (<see cref="LocationSources"/>). Routing does not read it;
/// routing reads <see cref="LeadQualification.Region"/>, the free text a form gave for matching reps' regions.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadLocation")]
public sealed record class LeadLocation(string Province, string? City, string Source);
