using System.Security.Claims;
using System.Text.Encodings.Web;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Integration;

/// <summary>
/// Authenticates a request signed with an integration key (<see cref="IntegrationSignature"/>): reads the body once
/// (buffered, so the endpoint reads it again), looks the key up in the store on every request (a revoked key is refused
/// at once) and answers a refusal with a 401 problem, before anything is stored.
/// </summary>
public sealed class IntegrationKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IIntegrationKeyStore keys,
    IOptions<AuthOptions> auth,
    IOptions<IntegrationOptions> integration,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "IntegrationKey";

    private string? _refusal;

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keyId = Request.Headers[IntegrationSignature.KeyHeader].ToString();
        if (keyId.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var key = keyId.Length <= 64 ? await keys.FindAsync(keyId, Context.RequestAborted) : null;
        Request.EnableBuffering();
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, Context.RequestAborted);
        Request.Body.Position = 0;
        _refusal = IntegrationSignature.Refusal(
            key, auth.Value.SigningKey, Request.Headers[IntegrationSignature.TimestampHeader].ToString(), Request.Headers[IntegrationSignature.SignatureHeader].ToString(),
            body.GetBuffer().AsSpan(0, (int)body.Length), clock.GetUtcNow(), integration.Value.SignatureWindow);
        if (_refusal is not null)
        {
            return AuthenticateResult.Fail(_refusal);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(CrmClaimTypes.Tenant, key!.Tenant),
                new Claim(CrmClaimTypes.Subject, key.KeyId),
                new Claim(CrmClaimTypes.Role, IntegrationCaller.Role),
                new Claim(IntegrationCaller.SourceClaim, key.Source),
            ],
            SchemeName,
            CrmClaimTypes.Subject,
            CrmClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "CrmSignature";
        return AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", (_refusal ?? "A signed request is required.") + " Nothing was stored.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "An integration key may only send events to /api/v1/integration.");
}
