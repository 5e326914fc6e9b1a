namespace CrmActors.GrainInterfaces.Routing;

/// <summary>A rep's load as routing decisions see it: open leads (stored plus reserved) and assignments in the fairness window.</summary>
[GenerateSerializer, Immutable, Alias("crm.RepLoadView")]
public sealed record class RepLoadView(int OpenLeads, int RecentAssignments);
