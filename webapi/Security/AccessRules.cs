using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Security;

/// <summary>What a caller wants to do with a lead.</summary>
public enum LeadUse
{
    /// <summary>Read the lead and why it was routed.</summary>
    Read,

    /// <summary>Work it: change it, or read the working views (hints, next actions, opportunity checks).</summary>
    Work,

    /// <summary>Report what an integration saw (a call, a site visit, a document opened).</summary>
    Signal,
}

/// <summary>
/// Who may do what with whose data, as plain rules; the endpoints look up the facts (the lead's owner, the owner's
/// supervisor) and ask here. The tenant is never a question: every grain key is built from the token's tenant.
/// </summary>
public static class AccessRules
{
    /// <summary>
    /// A lead: admins and managers any of the tenant's; a supervisor unassigned leads, their own and their team's
    /// (reps whose profile names them as supervisor); a rep only their own; marketing and service read, marketing
    /// also reports integration signals; nobody else.
    /// </summary>
    public static bool MayUseLead(Caller caller, LeadUse use, string? ownerRepId, string? ownerSupervisorId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role switch
        {
            CrmRoles.Admin or CrmRoles.Manager => true,
            CrmRoles.Supervisor => ownerRepId is null || ownerRepId == caller.UserId || ownerSupervisorId == caller.UserId,
            CrmRoles.Rep => ownerRepId is not null && ownerRepId == caller.UserId,
            CrmRoles.Marketing => use is LeadUse.Read or LeadUse.Signal,
            CrmRoles.Service => use is LeadUse.Read,
            _ => false,
        };
    }

    /// <summary>True when the answer depends on who supervises the owner (worth one read of the owner's profile).</summary>
    public static bool NeedsOwnerSupervisor(Caller caller, string? ownerRepId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == CrmRoles.Supervisor && ownerRepId is not null && ownerRepId != caller.UserId;
    }

    /// <summary>A rep's own work (open leads, inbox): the rep, their supervisor, managers and admins.</summary>
    public static bool MayUseRepWork(Caller caller, string repId, string? repSupervisorId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return repId == caller.UserId
            || caller.IsAny(CrmRoles.Manager, CrmRoles.Admin)
            || (caller.Role == CrmRoles.Supervisor && repSupervisorId == caller.UserId);
    }

    /// <summary>Order cost, margin and discount: everyone who sells, never service (S8).</summary>
    public static bool SeesCommercial(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role != CrmRoles.Service;
    }
}
