using CrmActors.GrainInterfaces.Service;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>After-sales cycles: an event on a customer schedules periodic visits for its regional service rep.</summary>
public static class ServiceApi
{
    /// <summary>Maps the service-cycle endpoints.</summary>
    public static RouteGroupBuilder MapServiceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/customers/{id}/service-events", StartAsync).WithTags("Service").WithName("ReportServiceEvent")
            .WithSummary("Report an after-sales event (installation-complete): schedules the tenant's periodic visits for the regional service rep").RequireAuthorization(AuthenticationSetup.WorkTickets);
        var cycles = api.MapGroup("/service-cycles").WithTags("Service");
        cycles.MapGet("/{id}", GetAsync).WithName("GetServiceCycle").WithSummary("A service cycle and its visits");
        cycles.MapPost("/{id}/visits/{number:int}/complete", CompleteAsync).WithName("CompleteServiceVisit").WithSummary("Mark a visit done").RequireAuthorization(AuthenticationSetup.WorkTickets);
        return api;
    }

    private static async Task<Results<Created<ServiceCycleSnapshot>, ValidationProblem, ProblemHttpResult>> StartAsync(string id, ServiceEventRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().Required(request.Kind, "kind", 64).MaxLength(request.Region, "region", 64);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var cycleId = EntityIds.New('S');
        var cycle = await grains.GetGrain<IServiceCycleGrain>(caller.Key(cycleId))
            .StartAsync(new ServiceEvent(id, request.Kind!.Trim(), request.Region?.Trim(), request.At, caller.UserId));
        return TypedResults.Created($"/api/v1/service-cycles/{cycleId}", cycle);
    }

    private static async Task<Results<Ok<ServiceCycleSnapshot>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var cycle = await grains.GetGrain<IServiceCycleGrain>(caller.Key(id)).GetAsync();
        return cycle is null ? NotFoundProblem.For("Service cycle", id) : TypedResults.Ok(cycle);
    }

    private static async Task<Results<Ok<ServiceCycleSnapshot>, ValidationProblem, ProblemHttpResult>> CompleteAsync(string id, int number, VisitDoneRequest request, Caller caller, IGrainFactory grains)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var errors = new FieldErrors().MaxLength(request.Notes, "notes", 2000);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await grains.GetGrain<IServiceCycleGrain>(caller.Key(id)).CompleteVisitAsync(number, request.Notes?.Trim(), caller.UserId));
    }
}
