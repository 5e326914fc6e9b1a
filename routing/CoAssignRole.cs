namespace CrmActors.Routing;

/// <summary>A second person a rule puts on the lead next to the owner.</summary>
public enum CoAssignRole
{
    /// <summary>Nobody.</summary>
    None = 0,

    /// <summary>The chosen owner's supervisor (<see cref="RepProfile.SupervisorId"/>).</summary>
    Supervisor = 1,

    /// <summary>The best-scoring eligible rep of <see cref="RuleAction.TechnicalEngineerGroup"/>.</summary>
    TechnicalEngineer = 2,
}
