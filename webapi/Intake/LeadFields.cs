namespace CrmActors.WebApi.Intake;

/// <summary>The raw fields of one submitted lead, from a JSON body or an import row.</summary>
public sealed record class LeadFields(
    string? Name,
    string? Phone,
    string? Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company,
    string? Industry = null,
    string? InstitutionLevel = null,
    string? Region = null,
    string? Language = null,
    decimal? Budget = null,
    int? Quality = null);
