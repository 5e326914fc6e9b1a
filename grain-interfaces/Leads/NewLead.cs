namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A validated, normalized lead as captured at intake.</summary>
[GenerateSerializer, Immutable, Alias("crm.NewLead")]
public sealed record class NewLead(
    string Name,
    string Phone,
    string Channel,
    string? ProductInterest,
    string? Note,
    string? Email,
    string? Company,
    string CreatedBy);
