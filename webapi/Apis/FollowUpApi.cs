using System.Text.Json;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// Follow-up: typed activities on leads, signals from integrations (contacts, site visits, documents opened),
/// next-step hints, and the tenant's follow-up policy (calendar, escalation chain, countdowns, quality light, hints).
/// </summary>
public static class FollowUpApi
{
    /// <summary>Maps the follow-up endpoints.</summary>
    public static RouteGroupBuilder MapFollowUpApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var leads = api.MapGroup("/leads").WithTags("Follow-up");
        leads.MapPost("/{id}/activities", LogActivityAsync).WithName("LogActivity").WithSummary("Log a typed activity; each type's required fields are checked, and it moves the funnel, restarts the escalation chain and arms its next follow-up");
        leads.MapPost("/{id}/signals", ReportSignalAsync).WithName("ReportLeadSignal").WithSummary("Report what an integration saw: a call or chat (starts the 3-minute rule), a site visit (quality light), a sent proposal opened or read").RequireAuthorization(AuthenticationSetup.CaptureLeads);
        leads.MapGet("/{id}/opportunity", GetOpportunityAsync).WithName("GetOpportunity").WithSummary("Whether the lead counts as an opportunity, with every check and why it passed or failed");
        leads.MapPost("/{id}/opportunity", ClaimOpportunityAsync).WithName("ClaimOpportunity").WithSummary("The owner claims the lead as an opportunity; the supervisor is asked to confirm");
        leads.MapPost("/{id}/opportunity/confirm", ConfirmOpportunityAsync).WithName("ConfirmOpportunity").WithSummary("The supervisor confirms the claim").RequireAuthorization(AuthenticationSetup.ManageLeads);
        leads.MapGet("/{id}/next-actions", GetNextActionsAsync).WithName("GetNextActions").WithSummary("The three best next actions from the model, with probabilities and the strongest reasons, and the lead's win probability; the answer names the model (starter or the tenant's own, with its version), and says when the rule hints or the points score stand in for it and why");
        leads.MapGet("/{id}/hints", GetHintsAsync).WithName("GetLeadHints").WithSummary("The tenant's next-step hints that fire for the lead, each with its reason");
        api.MapGet("/activity-types", GetActivityTypesAsync).WithTags("Follow-up").WithName("GetActivityTypes").WithSummary("The activity types, their required fields, and whether this tenant requires evidence");
        var policy = api.MapGroup("/follow-up/policy").WithTags("Follow-up");
        policy.MapGet("/", GetPolicyAsync).WithName("GetFollowUpPolicy").WithSummary("The tenant's follow-up policy (the field's defaults until one is saved)");
        policy.MapPut("/", SavePolicyAsync).WithName("SaveFollowUpPolicy").WithSummary("Replace the follow-up policy; refused with every error named when it does not validate (admin)").RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        return api;
    }

    private static async Task<Results<Ok<LogActivityResponse>, ValidationProblem, ProblemHttpResult>> LogActivityAsync(
        string id, LogActivityRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "log activities on");
        if (refused is not null)
        {
            return refused;
        }

        var result = await grain.LogActivityAsync(new NewActivity(
            request.Type,
            request.Fields,
            request.Evidence?.Select(e => new EvidenceRef(e?.Kind, e?.Ref)).ToList(),
            request.Tags,
            request.Summary,
            request.At,
            request.NextFollowUpAt,
            request.AppointmentAt,
            caller.UserId));
        if (result.Errors.Count > 0)
        {
            return FieldErrors.From(result.Errors).ToProblem();
        }

        return TypedResults.Ok(new LogActivityResponse(result.ActivityId!, result.Lead!.ToResponse()));
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem, ProblemHttpResult>> ReportSignalAsync(
        string id, LeadSignalRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Kind, "kind", 32).MaxLength(request.Summary, "summary", 2000).MaxLength(request.ActivityId, "activityId", 64);
        if (request.Kind is { Length: > 0 } kind && !LeadSignal.Kinds.Contains(kind))
        {
            errors.Add("kind", $"'kind' must be one of: {string.Join(", ", LeadSignal.Kinds)}.");
        }

        if (request.Kind == LeadSignal.Contact && request.Channel is { } channel && !LeadSignal.ContactChannels.Contains(channel))
        {
            errors.Add("channel", $"'channel' must be one of: {string.Join(", ", LeadSignal.ContactChannels)}.");
        }

        if (request.Kind is LeadSignal.DocumentOpened or LeadSignal.DocumentRead && string.IsNullOrWhiteSpace(request.ActivityId))
        {
            errors.Add("activityId", "'activityId' names the quote-sent activity whose document the customer opened or read.");
        }

        CheckCount(errors, request.DurationSeconds, "durationSeconds", 24 * 3600);
        CheckCount(errors, request.SecondsOnSite, "secondsOnSite", 24 * 3600);
        CheckCount(errors, request.Downloads, "downloads", 1000);
        var pages = request.Pages ?? [];
        if (pages.Count > 100)
        {
            errors.Add("pages", "At most 100 pages per visit.");
        }

        for (var i = 0; i < Math.Min(pages.Count, 100); i++)
        {
            if (string.IsNullOrWhiteSpace(pages[i]) || pages[i].Length > 300)
            {
                errors.Add($"pages[{i}]", "A page path is 1 to 300 characters.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Signal, "report signals on");
        if (refused is not null)
        {
            return refused;
        }

        var lead = await grain.ReportSignalAsync(new LeadSignal(
            request.Kind!, request.At, request.Channel, request.DurationSeconds, request.Summary, request.SecondsOnSite, request.Pages, request.Downloads, request.ActivityId, caller.UserId));
        return TypedResults.Ok(lead.ToResponse());
    }

    private static async Task<Results<Ok<IReadOnlyList<LeadHintResponse>>, ValidationProblem, ProblemHttpResult>> GetHintsAsync(
        string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "read hints of");
        if (refused is not null)
        {
            return refused;
        }

        var hints = await grain.GetHintsAsync();
        return TypedResults.Ok<IReadOnlyList<LeadHintResponse>>([.. hints.Select(h => new LeadHintResponse(h.Id, h.Card, h.Reason))]);
    }

    private static async Task<Results<Ok<NextActionsResponse>, ValidationProblem, ProblemHttpResult>> GetNextActionsAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "read next actions of");
        if (refused is not null)
        {
            return refused;
        }

        var advice = await grain.GetNextActionsAsync();
        return TypedResults.Ok(new NextActionsResponse(
            id, advice.Source, advice.ModelVersion, advice.FallbackReason, advice.WinProbability,
            [.. advice.Actions.Select(a => new NextActionResponse(a.Action, a.Card, a.Probability, a.Reasons))],
            advice.ModelKind,
            advice.ScoreSource,
            advice.ScoreFallbackReason));
    }

    private static async Task<Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>> GetOpportunityAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "read the opportunity checks of");
        return refused ?? (Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(await grain.GetOpportunityAsync());
    }

    private static async Task<Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>> ClaimOpportunityAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "claim as an opportunity");
        return refused ?? (Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(await grain.ClaimOpportunityAsync(caller.UserId));
    }

    private static async Task<Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>> ConfirmOpportunityAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var (grain, _, refused) = await AccessChecks.LeadAsync(id, caller, grains, LeadUse.Work, "confirm the opportunity of");
        return refused ?? (Results<Ok<OpportunityView>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(await grain.ConfirmOpportunityAsync(caller.UserId));
    }

    private static async Task<Ok<IReadOnlyList<ActivityTypeResponse>>> GetActivityTypesAsync(Caller caller, IGrainFactory grains)
    {
        var required = (await CurrentPolicyAsync(grains, caller)).EvidenceRequiredFor;
        return TypedResults.Ok<IReadOnlyList<ActivityTypeResponse>>(
            [.. ActivityType.All.Select(t => new ActivityTypeResponse(t.Id, t.RequiredFields, t.Stage.ToString().ToLowerInvariant(), t.StartsPromise, required.Contains(t.Id)))]);
    }

    private static async Task<Ok<FollowUpPolicyResponse>> GetPolicyAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(await Policy(grains, caller).GetAsync()));

    private static async Task<Results<Ok<FollowUpPolicyResponse>, ValidationProblem>> SavePolicyAsync(JsonElement policy, Caller caller, IGrainFactory grains)
    {
        if (policy.ValueKind != JsonValueKind.Object)
        {
            return new FieldErrors().Add("$", "The body must be a policy object, e.g. { \"escalation\": [...], \"quality\": {...} }.").ToProblem();
        }

        var check = await Policy(grains, caller).SaveAsync(policy.GetRawText(), caller.UserId);
        if (check.Errors.Count > 0)
        {
            return FieldErrors.From(check.Errors).ToProblem();
        }

        return TypedResults.Ok(ToResponse(check.Policy));
    }

    /// <summary>The tenant's current follow-up policy (the defaults when none is saved).</summary>
    internal static async Task<FollowUpPolicy> CurrentPolicyAsync(IGrainFactory grains, Caller caller) =>
        FollowUpPolicy.Parse((await Policy(grains, caller).GetAsync()).PolicyJson).Policy ?? FollowUpPolicy.Default;

    private static IFollowUpPolicyGrain Policy(IGrainFactory grains, Caller caller) =>
        grains.GetGrain<IFollowUpPolicyGrain>(GrainKeys.For(caller.Tenant, IFollowUpPolicyGrain.Id));

    private static FollowUpPolicyResponse ToResponse(FollowUpPolicySnapshot snapshot) =>
        new(snapshot.Version, JsonSerializer.Deserialize<JsonElement>(snapshot.PolicyJson), snapshot.SavedAt, snapshot.SavedBy);

    private static void CheckCount(FieldErrors errors, int? value, string field, int max)
    {
        if (value is < 0 || value > max)
        {
            errors.Add(field, $"'{field}' must be between 0 and {max}.");
        }
    }
}
