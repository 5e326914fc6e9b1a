namespace CrmActors.GrainInterfaces.Security;

/// <summary>The claim names in CrmActors tokens.</summary>
public static class CrmClaimTypes
{
    /// <summary>The tenant the caller belongs to. The only source of the tenant for a request.</summary>
    public const string Tenant = "tid";

    /// <summary>The user id; for reps and supervisors it is their rep id.</summary>
    public const string Subject = "sub";

    /// <summary>The caller's role, one of <see cref="CrmRoles"/>.</summary>
    public const string Role = "role";

    /// <summary>The display name of the caller.</summary>
    public const string Name = "name";
}
