using CrmActors.GrainInterfaces.Approvals;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>Discount approvals: requested on a lead, routed by the tenant's tiers, decided by the approver.</summary>
public static class ApprovalsApi
{
    /// <summary>Maps the approval endpoints.</summary>
    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/leads/{id}/discount-requests", RequestAsync).WithTags("Approvals").WithName("RequestDiscount")
            .WithSummary("Ask for a discount on a lead: approved at once within the automatic tier, else routed to the tier's approver, reminded and escalated while it waits");
        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/{id}", GetAsync).WithName("GetApproval").WithSummary("A discount request with its tier, approver, escalation, decision and history (not for service roles: discounts are commercial)").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        approvals.MapPost("/{id}/decision", DecideAsync).WithName("DecideApproval").WithSummary("Approve or reject with a comment (the approver, the one it escalated to, or an admin)");
        return api;
    }

    private static async Task<Results<Created<ApprovalResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        string id, DiscountRequestBody request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Reason, "reason", 1000);
        if (request.Percent is not (> 0 and <= 100))
        {
            errors.Add("percent", "'percent' is required: a discount above 0 and at most 100.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (_, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "ask for a discount on");
        if (refused is not null)
        {
            return refused;
        }

        var approvalId = EntityIds.New('A');
        var approval = await grains.GetGrain<IDiscountApprovalGrain>(caller.Key(approvalId))
            .RequestAsync(new DiscountRequest(id, request.Percent!.Value, request.Reason!.Trim(), caller.UserId));
        return TypedResults.Created($"/api/v1/approvals/{approvalId}", ToResponse(approval));
    }

    private static async Task<Results<Ok<ApprovalResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var approval = await grains.GetGrain<IDiscountApprovalGrain>(caller.Key(id)).GetAsync();
        if (approval is null)
        {
            return NotFoundProblem.For("Approval", id);
        }

        // The requester and the approvers see it; anyone else only when they may read the lead it is about.
        var involved = caller.UserId == approval.Request.RequestedBy || caller.UserId == approval.Approver || caller.UserId == approval.EscalatedTo;
        if (!involved)
        {
            var (_, _, refused) = await AccessChecks.LeadAsync(approval.Request.LeadId, caller, grains, LeadUse.Work, "read the discount requests of");
            if (refused is not null)
            {
                return refused.StatusCode == StatusCodes.Status404NotFound ? NotFoundProblem.For("Approval", id) : refused;
            }
        }

        return TypedResults.Ok(ToResponse(approval));
    }

    private static async Task<Results<Ok<ApprovalResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string id, ApprovalDecisionRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().MaxLength(request.Comment, "comment", 2000);
        if (request.Decision is not ("approve" or "reject"))
        {
            errors.Add("decision", "'decision' must be 'approve' or 'reject'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var approval = await grains.GetGrain<IDiscountApprovalGrain>(caller.Key(id))
            .DecideAsync(request.Decision == "approve", request.Comment?.Trim(), caller.UserId, caller.IsAny(CrmRoles.Admin));
        return TypedResults.Ok(ToResponse(approval));
    }

    private static ApprovalResponse ToResponse(ApprovalSnapshot a) => new(
        a.Id, a.Request.LeadId, a.Request.Percent, a.Request.Reason, a.Request.RequestedBy, a.Status.ToString().ToLowerInvariant(), a.TierIndex + 1,
        a.Approver, a.EscalatedTo, a.RequestedAt, a.DecidedAt, a.DecidedBy, a.Comment, [.. a.History.Select(e => new LeadEventResponse(e.At, e.Type, e.Detail))]);
}
