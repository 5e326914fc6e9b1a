namespace CrmActors.Routing;

/// <summary>Whom a <see cref="RouteTarget"/> names.</summary>
public enum TargetKind
{
    /// <summary>The best-scoring eligible member of a group.</summary>
    Group = 0,

    /// <summary>One named rep.</summary>
    Rep = 1,

    /// <summary>The top N eligible members of a group: the first owns the lead, all N form the shortlist.</summary>
    TopOfGroup = 2,
}
