namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// What routing needs of a rep, as of the rep's <paramref name="Revision"/> (it grows with every change of profile or
/// load; <paramref name="ProfileRevision"/> with every change of the profile or win history). <paramref name="TookLeadId"/>
/// names the lead whose hand-over this report confirms, so the router can drop the room it reserved for it.
/// <paramref name="DataQuality"/> is the rep's recent data quality, 0 to 1 (null: no activity logged in the window); it
/// changes with the profile revision.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RepStatus")]
public sealed record class RepStatus(
    string RepId,
    long Revision,
    long ProfileRevision,
    RepProfile Profile,
    IReadOnlyList<RepWin> WonDeals,
    int OpenLeads,
    int RecentAssignments,
    string? TookLeadId = null,
    double? DataQuality = null);
