using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/routing/rules: draft, test, publish and roll back the tenant's routing rules (managers, admins).</summary>
public static class RoutingApi
{
    /// <summary>Maps the routing-rule endpoints.</summary>
    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // Managers read and test the rules; changing them is tenant configuration: admins only, and audited.
        var rules = api.MapGroup("/routing/rules").WithTags("Routing").RequireAuthorization(Security.AuthenticationSetup.ManageTeam);
        rules.MapGet("/", GetAsync).WithName("GetRoutingRules").WithSummary("The draft, the published versions and the live one");
        rules.MapPut("/draft", SaveDraftAsync).WithName("SaveRoutingDraft").WithSummary("Replace the draft; refused with every error named when it does not validate (admin)").RequireAuthorization(Security.AuthenticationSetup.Administer).AuditedConfig();
        rules.MapPost("/draft/test", TestDraftAsync).WithName("TestRoutingDraft").WithSummary("Route sample leads with the draft and show where each would go and why; no side effects");
        rules.MapPost("/publish", PublishAsync).WithName("PublishRoutingDraft").WithSummary("Publish the draft as the next version and make it live, atomically (admin)").RequireAuthorization(Security.AuthenticationSetup.Administer).AuditedConfig();
        rules.MapPost("/rollback", RollbackAsync).WithName("RollbackRouting").WithSummary("Make an earlier version live again (admin)").RequireAuthorization(Security.AuthenticationSetup.Administer).AuditedConfig();
        return api;
    }

    private static IRoutingRulesGrain Rules(IGrainFactory grains, Caller caller) =>
        grains.GetGrain<IRoutingRulesGrain>(GrainKeys.For(caller.Tenant, IRoutingRulesGrain.Id));

    private static async Task<Ok<RoutingRulesResponse>> GetAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(await Rules(grains, caller).GetAsync()));

    private static async Task<Results<Ok<RoutingRulesResponse>, ValidationProblem>> SaveDraftAsync(JsonElement ruleSet, Caller caller, IGrainFactory grains)
    {
        if (ruleSet.ValueKind != JsonValueKind.Object)
        {
            return new FieldErrors().Add("$", "The body must be a rule set object: { \"rules\": [...], \"fallback\": {...}, \"weights\": {...} }.").ToProblem();
        }

        var check = await Rules(grains, caller).SaveDraftAsync(ruleSet.GetRawText(), caller.UserId);
        return check.Errors.Count > 0 ? Problem(check.Errors) : TypedResults.Ok(ToResponse(check.Rules));
    }

    private static async Task<Results<Ok<TestRulesResponse>, ValidationProblem>> TestDraftAsync(TestRulesRequest request, Caller caller, IGrainFactory grains)
    {
        var leads = request.Leads ?? [];
        var ids = request.LeadIds ?? [];
        if (leads.Count + ids.Count == 0)
        {
            return new FieldErrors().Add("leads", "Send sample leads in 'leads' or real lead ids in 'leadIds'.").ToProblem();
        }

        var errors = new FieldErrors();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!Identifier.IsValid(ids[i]))
            {
                errors.Add($"leadIds[{i}]", $"'leadIds[{i}]' is not a lead id.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var decisions = await Rules(grains, caller).TestDraftAsync([.. leads.Select(l => l.GetRawText())], ids);
        return TypedResults.Ok(new TestRulesResponse([.. decisions.Select(d => JsonSerializer.Deserialize<JsonElement>(d))]));
    }

    private static async Task<Results<Ok<RoutingRulesResponse>, ValidationProblem>> PublishAsync(Caller caller, IGrainFactory grains)
    {
        var check = await Rules(grains, caller).PublishAsync(caller.UserId);
        return check.Errors.Count > 0 ? Problem(check.Errors) : TypedResults.Ok(ToResponse(check.Rules));
    }

    private static async Task<Results<Ok<RoutingRulesResponse>, ValidationProblem>> RollbackAsync(RollbackRulesRequest request, Caller caller, IGrainFactory grains)
    {
        if (request.Version is not { } version)
        {
            return new FieldErrors().Add("version", "'version' is required.").ToProblem();
        }

        return TypedResults.Ok(ToResponse(await Rules(grains, caller).RollbackAsync(version, caller.UserId)));
    }

    /// <summary>A 400 whose errors are keyed by each problem's path and say which rule it is in.</summary>
    private static ValidationProblem Problem(IReadOnlyList<RuleProblem> problems)
    {
        var errors = new FieldErrors();
        foreach (var p in problems)
        {
            var rule = (p.RuleIndex, p.RuleId) switch
            {
                ({ } i, { } id) => $"Rule '{id}' (rules[{i}]): ",
                ({ } i, null) => $"Rule rules[{i}]: ",
                _ => string.Empty,
            };
            errors.Add(p.Path, rule + p.Message);
        }

        return errors.ToProblem();
    }

    private static RoutingRulesResponse ToResponse(RoutingRulesSnapshot rules) => new(
        rules.DraftJson is null ? null : JsonSerializer.Deserialize<JsonElement>(rules.DraftJson),
        rules.DraftSavedAt,
        rules.DraftSavedBy,
        rules.ActiveVersion,
        [.. rules.Versions.Select(v => new RuleSetVersionResponse(v.Version, v.PublishedAt, v.PublishedBy, JsonSerializer.Deserialize<JsonElement>(v.Json)))]);
}
