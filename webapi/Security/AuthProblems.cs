using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CrmActors.WebApi.Security;

/// <summary>Problem-details bodies for refusals before any endpoint runs (401, 403, and the limits' 413 and 429), so they look like every other error.</summary>
public static class AuthProblems
{
    /// <summary>Writes a 401 naming why the token was refused.</summary>
    public static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var detail = context.AuthenticateFailure is null
            ? "A bearer token is required (Authorization: Bearer <token>)."
            : "The bearer token is invalid or expired.";
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    /// <summary>Writes a 403 saying the role does not allow the action.</summary>
    public static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The token's tenant, user or role does not allow this request.");
    }

    /// <summary>Writes a problem-details answer with <paramref name="status"/>.</summary>
    internal static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
