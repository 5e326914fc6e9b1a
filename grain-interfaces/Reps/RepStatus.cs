namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// What routing needs of a rep, as of the rep's <paramref name="Revision"/> (it grows with every change of profile or
/// load; <paramref name="ProfileRevision"/> with every change of the profile or win history). <paramref name="TookLeadId"/>
/// names the lead whose hand-over this report confirms, so the router can drop the room it reserved for it.
/// <paramref name="DataQuality"/> is the rep's recent data quality, 0 to 1 (null: no activity logged in the window); it
/// changes with the profile revision. <paramref name="Incarnation"/> is the rep actor's activation count: a new activation
/// restarts from its stored revision, which can be below what the previous one reported (hand-overs are taken in memory
/// and written later), so reports are ordered by incarnation first (<see cref="Supersedes"/>).
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
    double? DataQuality = null,
    long Incarnation = 0)
{
    /// <summary>Whether this report is newer than <paramref name="other"/> (a later activation, or a later revision of the same one).</summary>
    public bool Supersedes(RepStatus other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Incarnation != other.Incarnation ? Incarnation > other.Incarnation : Revision > other.Revision;
    }
}
