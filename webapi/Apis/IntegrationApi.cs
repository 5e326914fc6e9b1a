using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Integration;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// /api/v1/integration: events of ERP, finance and after-sales systems (orders, invoices, payments, refunds, returns,
/// service visits), one by one or in bulk, from requests signed with an integration key; nothing else.
/// </summary>
public static class IntegrationApi
{
    /// <summary>Maps the endpoints (outside the token-only /api/v1 group: only integration keys may call them).</summary>
    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ServiceProvider.GetRequiredService<IOptions<IntegrationOptions>>().Value;
        var integration = app.MapGroup("/api/v1/integration").RequireAuthorization(AuthenticationSetup.Integrate).WithTags("Integration");
        integration.MapPost("/events", RecordAsync).WithName("RecordIntegrationEvent")
            .WithSummary("One event of the key's source system, signed: 201 stored, 200 a retry (Idempotent-Replayed), 400/404/409 naming the field");
        integration.MapPost("/events/bulk", RecordBulkAsync).WithName("RecordIntegrationEvents")
            .WithSummary("Up to Integration:MaxBatchItems events, signed: each stored, a duplicate or rejected with the field named")
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBatchBytes));
        return app;
    }

    private static async Task<Results<Created<IntegrationItemResult>, Ok<IntegrationItemResult>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        IntegrationEventRequest request, IntegrationCaller caller, IntegrationIngest ingest, HttpContext http)
    {
        var parsed = IntegrationIngest.Parse(request, caller.Source, string.Empty);
        if (parsed.Event is null)
        {
            return parsed.Errors.ToProblem();
        }

        var (item, status) = (await ingest.ApplyAsync(caller.Tenant, [parsed], rethrow: true))[0];
        switch (status)
        {
            case StatusCodes.Status201Created:
                return TypedResults.Created($"/api/v1/customers/{item.CustomerId}/360", item);
            case StatusCodes.Status200OK:
                http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
                return TypedResults.Ok(item);
            default:
                return TypedResults.Problem(
                    statusCode: status, title: status == StatusCodes.Status404NotFound ? "Not found" : "Conflict", detail: item.Reason,
                    extensions: new Dictionary<string, object?> { ["field"] = item.Field });
        }
    }

    private static async Task<Results<Ok<IntegrationBatchResponse>, ValidationProblem>> RecordBulkAsync(
        IntegrationBatchRequest request, IntegrationCaller caller, IntegrationIngest ingest, IOptions<IntegrationOptions> options)
    {
        var max = options.Value.MaxBatchItems;
        if (request.Events is not { Count: > 0 } events || events.Count > max)
        {
            return new FieldErrors().Add("events", $"'events' is required: 1 to {max} events per request (send more in further requests). Nothing was stored.").ToProblem();
        }

        var parsed = events.Select((e, i) => IntegrationIngest.Parse(e, caller.Source, $"events[{i}].")).ToList();
        var results = (await ingest.ApplyAsync(caller.Tenant, parsed, rethrow: false)).Select(r => r.Item).ToList();
        return TypedResults.Ok(new IntegrationBatchResponse(
            caller.Source, results.Count(r => r.Outcome == "stored"), results.Count(r => r.Outcome == "duplicate"), results.Count(r => r.Outcome == "rejected"), results));
    }
}
