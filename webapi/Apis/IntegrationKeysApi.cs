using CrmActors.GrainInterfaces.Common;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Integration;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/integration-keys: the tenant's integration keys, one per source system (admin; creating and revoking audited).</summary>
public static class IntegrationKeysApi
{
    /// <summary>How a source system signs, told once with the secret.</summary>
    public const string Signing =
        "Send X-Crm-Key: <id>, X-Crm-Timestamp: <Unix seconds> and X-Crm-Signature: sha256=<hex HMAC-SHA256 with the secret over timestamp + '.' + body>.";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapIntegrationKeysApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/integration-keys").WithTags("Integration").RequireAuthorization(AuthenticationSetup.Administer);
        keys.MapPost("/", CreateAsync).WithName("CreateIntegrationKey")
            .WithSummary("A key for one source system (e.g. kingdee-erp); its secret is in this answer only and stored as a hash").AuditedConfig();
        keys.MapGet("/", ListAsync).WithName("ListIntegrationKeys").WithSummary("The organisation's integration keys (never their secrets)");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeIntegrationKey").WithSummary("Revoke a key: its requests are refused at once").AuditedConfig();
        return api;
    }

    private static async Task<Results<Created<CreatedIntegrationKeyResponse>, ValidationProblem>> CreateAsync(
        CreateIntegrationKeyRequest request, Caller caller, IIntegrationKeyStore store, IOptions<AuthOptions> auth, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors().Required(request.Source, "source", Identifier.MaxLength);
        if (request.Source is { Length: > 0 } source && !Identifier.IsValid(source))
        {
            errors.Add("source", "'source' names the system, e.g. kingdee-erp: letters, digits, '-', '_' or '.'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var id = IntegrationSignature.NewKeyId();
        var secret = IntegrationSignature.Secret(auth.Value.SigningKey, caller.Tenant, id);
        var key = new IntegrationKey(id, caller.Tenant, request.Source!, IntegrationSignature.Hash(secret), clock.GetUtcNow(), caller.UserId, null, null);
        await store.CreateAsync(key, ct);
        return TypedResults.Created($"/api/v1/integration-keys/{id}", new CreatedIntegrationKeyResponse(id, key.Source, secret, key.CreatedAt, key.CreatedBy, Signing));
    }

    private static async Task<Ok<IReadOnlyList<IntegrationKeyResponse>>> ListAsync(Caller caller, IIntegrationKeyStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<IntegrationKeyResponse>>([.. (await store.ListAsync(caller.Tenant, ct)).Select(ToResponse)]);

    private static async Task<Results<Ok<IntegrationKeyResponse>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        string id, Caller caller, IIntegrationKeyStore store, TimeProvider clock, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        return await store.RevokeAsync(caller.Tenant, id, caller.UserId, clock.GetUtcNow(), ct) is { } key
            ? TypedResults.Ok(ToResponse(key))
            : NotFoundProblem.For("Integration key", id, "id");
    }

    private static IntegrationKeyResponse ToResponse(IntegrationKey key) => new(key.KeyId, key.Source, key.CreatedAt, key.CreatedBy, key.RevokedAt, key.RevokedBy);
}
