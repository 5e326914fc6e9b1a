using System.Globalization;
using System.Threading.RateLimiting;
using CrmActors.GrainInterfaces.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Security;

/// <summary>Per-tenant request rates and request body sizes, bound from the "Limits" configuration section.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Limits";

    /// <summary>Requests per second a tenant may make, sustained, across its users (per web API instance).</summary>
    public int PermitsPerSecond { get; set; } = 1000;

    /// <summary>How many requests a tenant may make at once above the sustained rate.</summary>
    public int Burst { get; set; } = 2000;

    /// <summary>Overrides by tenant id, for a big tenant or a noisy one.</summary>
    public Dictionary<string, TenantRate> Tenants { get; set; } = [];

    /// <summary>The largest request body in bytes, unless the endpoint sets its own (imports do).</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted.</summary>
    public int MaxJsonDepth { get; set; } = 32;
}

/// <summary>A tenant's own rate.</summary>
public sealed class TenantRate
{
    /// <summary>Requests per second, sustained.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests at once above the sustained rate.</summary>
    public int Burst { get; set; }
}

/// <summary>Registers and applies the limits. Refusals are problem details: 429 with Retry-After, 413 naming the limit.</summary>
public static class RequestLimits
{
    /// <summary>The shortest replenishment period of the token buckets.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    /// <summary>Adds the per-tenant rate limiter.</summary>
    public static IServiceCollection AddCrmRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitOptions>()
            .Bind(configuration.GetSection(RequestLimitOptions.SectionName))
            .Validate(o => o.PermitsPerSecond > 0 && o.Burst > 0 && o.MaxBodyBytes > 0 && o.MaxJsonDepth is > 0 and <= 256
                && o.Tenants.Values.All(t => t.PermitsPerSecond > 0 && t.Burst > 0), "Limits: rates, bursts, body size and JSON depth must be positive (depth at most 256).")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Only authenticated tenants are metered; a request without a valid token is refused with 401 anyway.
                var tenant = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(CrmClaimTypes.Tenant)?.Value : null;
                if (tenant is null)
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(tenant, t =>
                {
                    var (rate, burst) = limits.Tenants.TryGetValue(t, out var own) ? (own.PermitsPerSecond, own.Burst) : (limits.PermitsPerSecond, limits.Burst);
                    return TokenBucket(rate, burst);
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
                http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                await AuthProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Your organisation's request rate limit was reached; nothing was done by this request. Retry after {wait} s.");
            };
        });
        return services;
    }

    /// <summary>
    /// A bucket that refills at <paramref name="permitsPerSecond"/> (to a tick): the tokens of one <see cref="Period"/>
    /// (at least one), added once per the time those tokens are worth. Rounding a slow rate up to one token per period
    /// gave a tenant set to 1 request/s ten of them.
    /// </summary>
    public static TokenBucketRateLimiterOptions TokenBucket(int permitsPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitsPerSecond);
        var tokens = Math.Max(1, (int)Math.Ceiling(permitsPerSecond * Period.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            // Rounded up to a whole tick: never faster than the rate.
            ReplenishmentPeriod = TimeSpan.FromTicks(((TimeSpan.TicksPerSecond * tokens) + permitsPerSecond - 1) / permitsPerSecond),
            AutoReplenishment = true,
            QueueLimit = 0,
        };
    }

    /// <summary>
    /// Refuses a body larger than the endpoint allows before anything reads it (413), and tells the server the same
    /// limit for bodies sent without a length (<see cref="JsonBodyGuard"/> counts those as it reads them).
    /// </summary>
    public static IApplicationBuilder UseCrmBodyLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is OwnBodyLimit)
            {
                await next(http);
                return;
            }

            var limit = MaxBodyBytes(http);
            if (http.Request.ContentLength > limit)
            {
                await WriteTooLargeAsync(http, limit);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            await next(http);
        });
    }

    /// <summary>The largest body the endpoint of <paramref name="http"/> accepts, in bytes.</summary>
    public static long MaxBodyBytes(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxBodyBytes;
    }

    /// <summary>The 413 for a body over <paramref name="limit"/>, the same whether the body said its length or was sent in chunks.</summary>
    public static (string Title, string Detail) TooLarge(long limit, long? length) => (
        "Request too large",
        length is { } sized
            ? $"The body is {sized} bytes; this endpoint accepts at most {limit}. Nothing was stored."
            : $"The body is larger than this endpoint accepts: at most {limit} bytes. Nothing was stored.");

    /// <summary>Writes the 413 problem for a body over <paramref name="limit"/>.</summary>
    public static Task WriteTooLargeAsync(HttpContext http, long limit)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (title, detail) = TooLarge(limit, http.Request.ContentLength);
        return AuthProblems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, title, detail);
    }
}

/// <summary>Marks an endpoint that sets its own body limit (file imports, from IntakeOptions.MaxImportBytes).</summary>
public sealed class OwnBodyLimit : IRequestSizeLimitMetadata
{
    /// <inheritdoc />
    public long? MaxRequestBodySize => null;
}
