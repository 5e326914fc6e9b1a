using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Leads;

/// <summary>The inbox notices a lead's owner gets, built the same way wherever they are owed (so they are delivered once).</summary>
public static class LeadNotices
{
    /// <summary>What <paramref name="lead"/> is called in notices: its name and channel.</summary>
    public static string NameOf(NewLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return $"{lead.Name} ({lead.Channel})";
    }

    /// <summary>The product of interest as a notice's suffix, or nothing.</summary>
    public static string InterestOf(NewLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.ProductInterest is { } product ? $", {product}" : string.Empty;
    }

    /// <summary>The owner's notice of a lead assigned at <paramref name="at"/> (its id names the lead and the moment).</summary>
    public static InboxItem Assigned(string leadId, NewLead lead, DateTimeOffset at) => new(
        Id: $"lead/{leadId}/assigned/{at.ToUnixTimeMilliseconds()}",
        Kind: "lead-assigned",
        Title: $"New lead: {NameOf(lead)}{InterestOf(lead)}",
        LeadId: leadId,
        CreatedAt: at);
}
