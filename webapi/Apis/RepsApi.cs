using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/reps: the team roster, each rep's open leads and inbox.</summary>
public static class RepsApi
{
    /// <summary>The most open leads one listing returns.</summary>
    public const int LeadListLimit = 200;

    /// <summary>Maps the rep endpoints.</summary>
    public static RouteGroupBuilder MapRepsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var reps = api.MapGroup("/reps").WithTags("Reps");
        reps.MapGet("/", ListAsync).WithName("ListReps").WithSummary("List the tenant's reps");
        reps.MapPut("/{id}", SaveAsync).WithName("SaveRep").WithSummary("Create or update a rep").RequireAuthorization(AuthenticationSetup.ManageTeam).AuditedConfig();
        reps.MapGet("/{id}", GetAsync).WithName("GetRep").WithSummary("Read a rep");
        reps.MapGet("/{id}/leads", ListLeadsAsync).WithName("ListRepLeads").WithSummary("The rep's open leads");
        reps.MapPost("/{id}/reconcile", ReconcileAsync).WithName("ReconcileRepLeads")
            .WithSummary("Make the rep's open leads exactly the open leads that name the rep as owner; says what it dropped and added (manager, admin)")
            .RequireAuthorization(AuthenticationSetup.ManageTeam).AuditedConfig();
        reps.MapGet("/{id}/inbox", InboxAsync).WithName("GetRepInbox").WithSummary("The rep's to-dos and alerts, newest first; ?status=open leaves out completed ones");
        reps.MapGet("/{id}/inbox/stream", StreamInboxAsync).WithName("StreamRepInbox").WithSummary("The inbox live, as server-sent events: 'ready', then an 'inbox' event per item delivered or moved forward");
        reps.MapPost("/{id}/inbox/status", InboxStatusAsync).WithName("SetInboxItemStatus").WithSummary("Mark an inbox item read, acknowledged or completed");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<RepResponse>>> ListAsync(Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        var ids = await reads.ReadAsync(_ => grains.GetGrain<ITenantRosterGrain>(caller.Tenant).GetRepIdsAsync(), ct);
        var reps = await Task.WhenAll(ids.Select(id => reads.ReadAsync(_ => grains.GetGrain<IRepGrain>(caller.Key(id)).GetAsync(), ct).AsTask()));
        return TypedResults.Ok<IReadOnlyList<RepResponse>>([.. reps.OfType<RepSnapshot>().Select(r => r.ToResponse())]);
    }

    private static async Task<Results<Ok<RepResponse>, ValidationProblem>> SaveAsync(string id, SaveRepRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors();
        if (request.ToProfile(errors) is not { } profile)
        {
            return errors.ToProblem();
        }

        var rep = await grains.GetGrain<IRepGrain>(caller.Key(id)).SaveProfileAsync(profile);
        return TypedResults.Ok(rep.ToResponse());
    }

    private static async Task<Results<Ok<RepResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var rep = await reads.ReadAsync(_ => grains.GetGrain<IRepGrain>(caller.Key(id)).GetAsync(), ct);
        return rep is null ? NotFoundProblem.For("Rep", id) : TypedResults.Ok(rep.ToResponse());
    }

    private static async Task<Results<Ok<IReadOnlyList<LeadResponse>>, ValidationProblem, ProblemHttpResult>> ListLeadsAsync(string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var rep = await reads.ReadAsync(_ => grains.GetGrain<IRepGrain>(caller.Key(id)).GetAsync(), ct);
        if (rep is null)
        {
            return NotFoundProblem.For("Rep", id);
        }

        if (!AccessRules.MayUseRepWork(caller, id, rep.Profile.SupervisorId))
        {
            return AccessChecks.Forbidden("Only the rep, their supervisor or a manager can list the rep's leads.");
        }

        var leads = await Task.WhenAll(rep.OpenLeadIds.Take(LeadListLimit)
            .Select(leadId => reads.ReadAsync(_ => grains.GetGrain<ILeadGrain>(caller.Key(leadId)).GetAsync(), ct).AsTask()));
        return TypedResults.Ok<IReadOnlyList<LeadResponse>>([.. leads.OfType<LeadSnapshot>().Select(l => l.ToResponse())]);
    }

    private static async Task<Results<Ok<RepReconciliationResponse>, ValidationProblem, ProblemHttpResult>> ReconcileAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var result = await grains.GetGrain<IRepLeadsReconcilerGrain>(caller.Tenant).ReconcileAsync(id);
        return TypedResults.Ok(new RepReconciliationResponse(id, result.Removed, result.Added, result.OpenLeadIds));
    }

    private static async Task<Results<Ok<IReadOnlyList<InboxItemResponse>>, ValidationProblem, ProblemHttpResult>> InboxAsync(
        string id, string? status, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        if (status is not (null or "open" or "all"))
        {
            return new FieldErrors().Add("status", "'status' must be 'open' (leave out completed items) or 'all'.").ToProblem();
        }

        var (grain, refused) = await AccessChecks.RepWorkAsync(id, caller, grains, "read this inbox", reads, ct);
        if (refused is not null)
        {
            return refused;
        }

        var items = await reads.ReadAsync(_ => grain.GetInboxAsync(), ct);
        return TypedResults.Ok<IReadOnlyList<InboxItemResponse>>([.. items.Where(i => status != "open" || i.Status != InboxStatus.Completed).Select(i => i.ToResponse())]);
    }

    private static async Task<Results<Ok<InboxItemResponse>, ValidationProblem, ProblemHttpResult>> InboxStatusAsync(
        string id, InboxStatusRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.ItemId, "itemId", 300).Required(request.Status, "status", 16);
        InboxStatus? status = request.Status switch
        {
            "read" => InboxStatus.Read,
            "acknowledged" => InboxStatus.Acknowledged,
            "completed" => InboxStatus.Completed,
            _ => null,
        };
        if (request.Status is { Length: > 0 } && status is null)
        {
            errors.Add("status", "'status' must be 'read', 'acknowledged' or 'completed'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (grain, refused) = await AccessChecks.RepWorkAsync(id, caller, grains, "update this inbox");
        if (refused is not null)
        {
            return refused;
        }

        return TypedResults.Ok((await grain.SetInboxStatusAsync(request.ItemId!, status!.Value, caller.UserId)).ToResponse());
    }

    private static async Task<IResult> StreamInboxAsync(string id, Caller caller, IGrainFactory grains, InboxStream stream, HttpContext http)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, refused) = await AccessChecks.RepWorkAsync(id, caller, grains, "read this inbox");
        if (refused is not null)
        {
            return refused;
        }

        await stream.RunAsync(grain, http);
        return TypedResults.Empty;
    }
}
