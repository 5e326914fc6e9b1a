using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// /api/v1/models: the tenant's next-action and scoring model (the starter model until its own is trained from its
/// journal), every stored version with its held-out figures, a version's training report, a rollback to the previous
/// version, and a training started now (managers read; admins change).
/// </summary>
public static class ModelsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", GetAsync).WithName("GetModels")
            .WithSummary("The model the tenant is served (starter, or its own with version, training time, closed leads and held-out figures: model vs points-score AUC, model vs rule-hint top-1, and which of them is served), every stored version, and the training status")
            .RequireAuthorization(AuthenticationSetup.ManageTeam);
        models.MapGet("/{version}/report", GetReportAsync).WithName("GetModelReport")
            .WithSummary("A stored version's training report (JSON): training and held-out sets, every figure beside the baselines, the learning curve")
            .RequireAuthorization(AuthenticationSetup.ManageTeam);
        models.MapPost("/rollback", RollbackAsync).WithName("RollbackModel")
            .WithSummary("Serve the version stored before the current one (the starter model before the first); 409 when the starter model is served (admin)")
            .RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        models.MapPost("/train", TrainAsync).WithName("TrainModel")
            .WithSummary("Train the tenant's model from its journal now (202; GET /api/v1/models shows when it is done); 409 when the journal has too few closed leads (admin)")
            .RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        return api;
    }

    private static async Task<Ok<ModelsResponse>> GetAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(ModelsResponse.From(await Grain(grains, caller).GetAsync()));

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetReportAsync(string version, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(version, "version") is { } bad)
        {
            return bad;
        }

        return await Grain(grains, caller).GetReportAsync(version) is { } report
            ? TypedResults.Content(report, "application/json")
            : NotFoundProblem.For("Model version", version, "version");
    }

    private static async Task<Ok<ModelsResponse>> RollbackAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(ModelsResponse.From(await Grain(grains, caller).RollbackAsync(caller.UserId)));

    private static async Task<Accepted<TenantTrainingStatus>> TrainAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Accepted("/api/v1/models", await Grain(grains, caller).TrainNowAsync(caller.UserId));

    private static ITenantModelGrain Grain(IGrainFactory grains, Caller caller) =>
        grains.GetGrain<ITenantModelGrain>(GrainKeys.For(caller.Tenant, ITenantModelGrain.Id));
}
