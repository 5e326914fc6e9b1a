using Orleans.Dashboard;

namespace CrmActors.WebApi.Security;

/// <summary>
/// Orleans' own dashboard (silos, grain counts, call rates, reminders) for the people who run the cluster, behind the
/// API's authentication: role ops only (it shows every tenant's grains, so no tenant role may open it). A browser cannot
/// send a bearer token with the dashboard's own requests, so an ops token is exchanged once for a cookie that only the
/// dashboard's paths accept (<c>/dashboard/cluster.html#token=...</c> does the exchange).
/// </summary>
public static class ClusterDashboard
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Prefix = "/orleans";

    /// <summary>The cookie carrying the ops token, sent only to <see cref="Prefix"/>.</summary>
    public const string CookieName = "crm_cluster";

    /// <summary>The setting that turns the dashboard on (the silos need it too; appsettings.json sets it).</summary>
    public const string Setting = "Orleans:Dashboard:Enabled";

    /// <summary>True when <paramref name="configuration"/> turns the dashboard on.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(Setting, false);

    /// <summary>The token of a request to the dashboard that carries no Authorization header: its cookie.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal) && !request.Headers.ContainsKey("Authorization")
            ? request.Cookies[CookieName]
            : null;
    }

    /// <summary>Maps the dashboard (role ops only) and the exchange of an ops token for the dashboard's cookie.</summary>
    public static void MapClusterDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsEnabled(app.Configuration))
        {
            return;
        }

        app.MapOrleansDashboard(Prefix).RequireAuthorization(AuthenticationSetup.OperateCluster);
        app.MapPost("/api/v1/cluster/session", (HttpContext context) =>
            {
                var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
                var expires = context.User.FindFirst("exp") is { } exp && long.TryParse(exp.Value, out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : (DateTimeOffset?)null;
                context.Response.Cookies.Append(CookieName, token, new CookieOptions
                {
                    Path = Prefix,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Strict,
                    Expires = expires,
                });
                return TypedResults.NoContent();
            })
            .RequireAuthorization(AuthenticationSetup.OperateCluster)

            // A step of the cluster dashboard's sign-in page, not part of the tenant API.
            .ExcludeFromDescription();
    }
}
