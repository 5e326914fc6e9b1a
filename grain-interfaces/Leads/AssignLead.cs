namespace CrmActors.GrainInterfaces.Leads;

/// <summary>Gives a lead to a rep and sets how long the rep has for the first touch.</summary>
[GenerateSerializer, Immutable, Alias("crm.AssignLead")]
public sealed record class AssignLead(string RepId, TimeSpan FirstTouchWithin, string AssignedBy);
