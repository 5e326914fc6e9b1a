using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/leads: capture, read, assign and touch leads.</summary>
public static class LeadsApi
{
    /// <summary>The contact kinds a touch may have.</summary>
    public static readonly IReadOnlyList<string> TouchKinds = ["call", "wechat", "email", "visit", "meeting", "sms", "other"];

    /// <summary>Maps the lead endpoints.</summary>
    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapPost("/", CreateAsync).WithName("CreateLead").WithSummary("Capture a lead").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        leads.MapGet("/{id}", GetAsync).WithName("GetLead").WithSummary("Read a lead, with its history");
        leads.MapPost("/{id}/assignment", AssignAsync).WithName("AssignLead").WithSummary("Give a lead to a rep and arm its first-touch deadline").RequireAuthorization(AuthenticationSetup.ManageLeads);
        leads.MapPost("/{id}/routing", RouteAsync).WithName("RouteLead").WithSummary("Route the lead under the live rules, or reassign it (never back to a previous owner)").RequireAuthorization(AuthenticationSetup.ManageLeads);
        leads.MapGet("/{id}/routing", GetRoutingAsync).WithName("GetLeadRouting").WithSummary("Why the lead went where it went: rule, version, the best candidates with their scores and loads, and every routing decision the lead had");
        leads.MapPost("/{id}/touches", TouchAsync).WithName("TouchLead").WithSummary("Record a contact with the lead");
        leads.MapPost("/{id}/outcome", OutcomeAsync).WithName("CloseLead").WithSummary("Close the lead as won or lost; a win adds to the owner's win history, which routing scores");
        return api;
    }

    private static async Task<Results<Created<LeadResponse>, Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateLeadRequest request, Caller caller, HttpContext http, LeadIntake intake, IntakeGate gate, CancellationToken ct)
    {
        var key = http.Request.Headers[IdempotencyKey.Header].ToString();
        var errors = IdempotencyKey.Check(key, new FieldErrors());
        LeadValidation.Validate(request, await intake.ChannelsAsync(caller.Tenant), caller.UserId, errors, out var lead);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        using var lease = await gate.EnterAsync(ct);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = gate.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Intake is saturated",
                detail: $"Too many submissions are in flight; nothing was stored. Retry after {gate.RetryAfterSeconds} s.");
        }

        var submissionKey = key.Length > 0 ? IntakeIds.SubmissionKey("api", key) : null;
        var result = await intake.SubmitAsync(caller.Tenant, new LeadSubmission(lead!, submissionKey));
        var body = result.Lead.ToResponse() with { IntakeOutcome = result.Outcome.ToString() };
        if (result.Outcome == IntakeOutcome.Replayed)
        {
            http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        }

        return result.Outcome == IntakeOutcome.Created
            ? TypedResults.Created($"/api/v1/leads/{result.Lead.Id}", body)
            : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<LeadRoutingResponse>, ValidationProblem, ProblemHttpResult>> RouteAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "route");
        if (refused is not null)
        {
            return refused;
        }

        var lead = await grain.RouteAsync(caller.UserId);
        return lead.Routing is { } routing ? TypedResults.Ok(routing.ToResponse(lead, await grain.GetRoutingHistoryAsync())) : NotFoundProblem.For("Routing of lead", id);
    }

    private static async Task<Results<Ok<LeadRoutingResponse>, ValidationProblem, ProblemHttpResult>> GetRoutingAsync(
        string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, lead, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Read, "read", reads, ct);
        if (refused is not null)
        {
            return refused;
        }

        return lead!.Routing is { } routing
            ? TypedResults.Ok(routing.ToResponse(lead, await reads.ReadAsync(_ => grain.GetRoutingHistoryAsync(), ct)))
            : NotFoundProblem.For("Routing of lead", id);
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (_, lead, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Read, "read", reads, ct);
        if (refused is not null)
        {
            return refused;
        }

        var body = lead!.ToResponse();
        if (body.Province is null && body.OwnerRepId is { } owner)
        {
            // Neither form nor phone said where the lead is: the owner's territory does, as it is now.
            var rep = await reads.ReadAsync(_ => grains.GetGrain<IRepGrain>(GrainKeys.For(caller.Tenant, owner)).GetProfileAsync(), ct);
            if (LeadPlaces.FromTerritory(rep?.Expertise?.Regions) is { } territory)
            {
                body = body with { Province = territory.Province, City = territory.City, RegionSource = territory.Source };
            }
        }

        return TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        string id, AssignLeadRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        if (!Identifier.IsValid(request.RepId))
        {
            errors.Add("repId", "'repId' is required and must be a valid id.");
        }

        var window = request.FirstTouchWithinSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : FirstTouchWindow.Default;
        if (!FirstTouchWindow.IsValid(window))
        {
            errors.Add("firstTouchWithinSeconds", $"'firstTouchWithinSeconds' must be between {FirstTouchWindow.Minimum.TotalSeconds} and {FirstTouchWindow.Maximum.TotalSeconds}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "assign");
        if (refused is not null)
        {
            return refused;
        }

        var lead = await grain.AssignAsync(new AssignLead(request.RepId!, window, caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> TouchAsync(
        string id, TouchLeadRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Kind, "kind", 32).MaxLength(request.Note, "note", 2000);
        if (request.Kind is { } kind && !string.IsNullOrWhiteSpace(kind) && !TouchKinds.Contains(kind))
        {
            errors.Add("kind", $"'kind' must be one of: {string.Join(", ", TouchKinds)}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "record contact on");
        if (refused is not null)
        {
            return refused;
        }

        var lead = await grain.RecordTouchAsync(new LeadTouch(request.Kind!, request.Note?.Trim(), caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> OutcomeAsync(
        string id, LeadOutcomeRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Result, "result", 8).MaxLength(request.Reason, "reason", 2000);
        if (request.Result is { Length: > 0 } result && result is not ("won" or "lost"))
        {
            errors.Add("result", "'result' must be 'won' or 'lost'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "close");
        if (refused is not null)
        {
            return refused;
        }

        var lead = await grain.RecordOutcomeAsync(new LeadOutcome(request.Result == "won", request.Reason?.Trim(), caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

}
