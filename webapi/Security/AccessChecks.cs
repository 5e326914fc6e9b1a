using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Security;

/// <summary>Looks up the facts <see cref="AccessRules"/> needs (a lead's owner and the owner's supervisor) and answers 404 or 403.</summary>
public static class AccessChecks
{
    /// <summary>The lead and its grain when the caller may use it; otherwise the 404 or 403 to answer.</summary>
    public static async Task<(ILeadGrain Grain, LeadSnapshot? Lead, ProblemHttpResult? Refused)> LeadAsync(
        string id, Caller caller, IGrainFactory grains, LeadUse use, string action, GrainReads? reads = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grains);
        var grain = grains.GetGrain<ILeadGrain>(caller.Key(id));
        var lead = reads is null ? await grain.GetAsync() : await reads.ReadAsync(_ => grain.GetAsync(), ct);
        if (lead is null)
        {
            return (grain, null, NotFoundProblem.For("Lead", id));
        }

        return await MayUseAsync(caller, grains, lead, use)
            ? (grain, lead, null)
            : (grain, lead, Forbidden($"Your role ({caller.Role}) may not {action} this lead: reps work their own leads, supervisors their team's."));
    }

    /// <summary>Whether the caller may use a lead already read.</summary>
    public static async Task<bool> MayUseAsync(Caller caller, IGrainFactory grains, LeadSnapshot lead, LeadUse use)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(lead);
        var supervisor = AccessRules.NeedsOwnerSupervisor(caller, lead.OwnerRepId)
            ? (await grains.GetGrain<IRepGrain>(caller.Key(lead.OwnerRepId!)).GetProfileAsync())?.SupervisorId
            : null;
        return AccessRules.MayUseLead(caller, use, lead.OwnerRepId, supervisor);
    }

    /// <summary>
    /// The rep's grain when the rep exists and the caller may see the rep's own work (inbox); otherwise the 403 or the
    /// 404. A caller whose right does not depend on the rep's profile is refused before anything is read; the one read
    /// of the profile answers both whether a supervisor leads the rep and whether the rep exists.
    /// </summary>
    public static async Task<(IRepGrain Grain, ProblemHttpResult? Refused)> RepWorkAsync(
        string repId, Caller caller, IGrainFactory grains, string action, GrainReads? reads = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grains);
        var grain = grains.GetGrain<IRepGrain>(caller.Key(repId));
        var forbidden = Forbidden($"Only the rep, their supervisor or a manager can {action}.");
        var supervisorAsks = caller.Role == GrainInterfaces.Security.CrmRoles.Supervisor && repId != caller.UserId;
        if (!supervisorAsks && !AccessRules.MayUseRepWork(caller, repId, repSupervisorId: null))
        {
            return (grain, forbidden);
        }

        var rep = reads is null ? await grain.GetProfileAsync() : await reads.ReadAsync(_ => grain.GetProfileAsync(), ct);
        if (!AccessRules.MayUseRepWork(caller, repId, rep?.SupervisorId))
        {
            return (grain, forbidden);
        }

        return (grain, rep is null ? NotFoundProblem.For("Rep", repId) : null);
    }

    /// <summary>A 403 with a reason.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
