namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// A validated, normalized lead as captured at intake; <c>CustomerId</c> is set by the customer it landed on.
/// <c>Location</c> is the province and city intake found on the form or from the phone (null when neither said).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.NewLead")]
public sealed record class NewLead(
    string Name,
    string Phone,
    string Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company,
    string CreatedBy,
    string? CustomerId = null,
    LeadQualification? Qualification = null,
    LeadLocation? Location = null);
