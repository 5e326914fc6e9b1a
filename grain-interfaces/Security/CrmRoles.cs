namespace CrmActors.GrainInterfaces.Security;

/// <summary>The roles a token can carry.</summary>
public static class CrmRoles
{
    /// <summary>A sales rep: works their own leads.</summary>
    public const string Rep = "rep";

    /// <summary>A sales supervisor: assigns leads and receives escalations.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>A sales manager: watches the numbers and manages the team.</summary>
    public const string Manager = "manager";

    /// <summary>A service agent: works tickets.</summary>
    public const string Service = "service";

    /// <summary>Marketing: brings leads in and gets red leads back.</summary>
    public const string Marketing = "marketing";

    /// <summary>A tenant administrator: configuration.</summary>
    public const string Admin = "admin";

    /// <summary>Every tenant role, for validation.</summary>
    public static readonly IReadOnlyList<string> All = [Rep, Supervisor, Manager, Service, Marketing, Admin];

    /// <summary>
    /// Whoever runs the cluster: the Orleans dashboard (every tenant's grains) and nothing of a tenant's data. Not in
    /// <see cref="All"/>: no tenant endpoint accepts it.
    /// </summary>
    public const string Ops = "ops";

    /// <summary>Every role a token may carry: the tenant roles and <see cref="Ops"/>.</summary>
    public static readonly IReadOnlyList<string> Mintable = [.. All, Ops];
}
