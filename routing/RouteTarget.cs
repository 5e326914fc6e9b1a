namespace CrmActors.Routing;

/// <summary>Where a rule sends a lead: a group, a named rep, or the top <see cref="Count"/> reps of a group.</summary>
/// <param name="Kind">Whom <paramref name="Id"/> names.</param>
/// <param name="Id">A group name or a rep id from the roster (compared exactly).</param>
/// <param name="Count">The N of <see cref="TargetKind.TopOfGroup"/>; ignored otherwise.</param>
public sealed record class RouteTarget(TargetKind Kind, string Id, int Count = 1)
{
    /// <summary>
    /// Profile fields a candidate must cover for the lead's value to be considered at all, e.g.
    /// <c>["region"]</c> for "the top 3 orthopedics reps of that region". Allowed: industry, institutionLevel,
    /// product, region, language. A requirement on a field the lead lacks is ignored rather than stranding the lead.
    /// </summary>
    public IReadOnlyList<string> RequireMatch { get; init; } = [];

    /// <summary>The best-scoring eligible member of <paramref name="groupId"/>.</summary>
    public static RouteTarget Group(string groupId) => new(TargetKind.Group, groupId);

    /// <summary>The named rep.</summary>
    public static RouteTarget Rep(string repId) => new(TargetKind.Rep, repId);

    /// <summary>The top <paramref name="count"/> eligible members of <paramref name="groupId"/>.</summary>
    public static RouteTarget TopOfGroup(string groupId, int count) => new(TargetKind.TopOfGroup, groupId, count);
}
