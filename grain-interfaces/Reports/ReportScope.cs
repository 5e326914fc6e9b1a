namespace CrmActors.GrainInterfaces.Reports;

/// <summary>What a recipient's daily report covers: their own leads (a rep), their team (a supervisor) or the tenant (a manager).</summary>
public enum ReportScope
{
    /// <summary>The recipient's own leads.</summary>
    Rep = 0,

    /// <summary>The leads of the reps whose profile names the recipient as supervisor.</summary>
    Team = 1,

    /// <summary>Every lead of the tenant.</summary>
    Tenant = 2,
}
