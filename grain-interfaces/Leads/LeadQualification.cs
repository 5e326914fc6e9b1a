namespace CrmActors.GrainInterfaces.Leads;

/// <summary>What a form or rep knows about the lead beyond contact data; routing rules and scoring read it.</summary>
/// <param name="Industry">The customer's industry, e.g. "hospital".</param>
/// <param name="InstitutionLevel">The institution level, e.g. "class-3".</param>
/// <param name="Region">The customer's region, e.g. "Shanghai".</param>
/// <param name="Language">The language to serve the lead in, e.g. "zh".</param>
/// <param name="Budget">The stated budget in CNY.</param>
/// <param name="Quality">Lead quality from 0 (worst) to 100 (best).</param>
[GenerateSerializer, Immutable, Alias("crm.LeadQualification")]
public sealed record class LeadQualification(string? Industry, string? InstitutionLevel, string? Region, string? Language, decimal? Budget, int? Quality);
