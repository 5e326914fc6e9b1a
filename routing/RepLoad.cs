namespace CrmActors.Routing;

/// <summary>
/// A rep's current load as the caller knows it. A rep missing from the loads passed to
/// <see cref="CompiledRuleSet.Route"/> counts as having no load.
/// </summary>
/// <param name="OpenLeads">Leads the rep owns and has not closed; at <see cref="RepProfile.Capacity"/> the rep gets no more.</param>
/// <param name="RecentAssignments">Leads assigned to the rep recently (the caller picks the window, e.g. 24 hours).</param>
public readonly record struct RepLoad(int OpenLeads, int RecentAssignments);
