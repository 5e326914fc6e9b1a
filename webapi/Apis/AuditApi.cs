using CrmActors.GrainInterfaces.Audit;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/audit: the tenant's audit log of configuration changes, imports and exports (admin).</summary>
public static class AuditApi
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/audit", GetAsync).WithTags("Audit").WithName("GetAuditLog")
            .WithSummary("Configuration changes, imports and data exports, newest first (?limit=1..1000, default 100): who, when, what operation and the request sent, secrets withheld")
            .RequireAuthorization(AuthenticationSetup.Administer);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> GetAsync(int? limit, Caller caller, IGrainFactory grains)
    {
        if (limit is < 1 or > 1000)
        {
            return new FieldErrors().Add("limit", "'limit' must be between 1 and 1000.").ToProblem();
        }

        return TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(caller.Tenant).ReadAsync(limit ?? 100));
    }
}
