using CrmActors.GrainInterfaces.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Turns every failure into RFC 9457 problem details: grain refusals into 400/404/409, unreadable
/// bodies into 400, an unreachable cluster or database (whatever exception carries it, see
/// <see cref="OrleansFailures"/>) into 503 with Retry-After, the rest into a 500 that reveals nothing internal.
/// </summary>
public sealed partial class CrmExceptionHandler(IProblemDetailsService problems, ILogger<CrmExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying when the backend is unavailable.</summary>
    public const int RetryAfterSeconds = 2;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left: nobody reads an answer, and nothing failed on this side.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = OrleansFailures.FindRefusal(exception) switch
        {
            { Code: CrmErrorCode.Validation } crm => Validation(crm),
            { Code: CrmErrorCode.NotFound } crm => Problem(StatusCodes.Status404NotFound, "Not found", crm.Message, crm.Field),
            { Code: CrmErrorCode.Conflict } crm => Problem(StatusCodes.Status409Conflict, "Conflict", crm.Message, crm.Field),
            { Code: CrmErrorCode.Forbidden } crm => Problem(StatusCodes.Status403Forbidden, "Forbidden", crm.Message, crm.Field),
            { Code: CrmErrorCode.StorageUnavailable } crm => Unavailable(httpContext, crm.Message),
            _ => null,
        };
        problem ??= exception switch
        {
            BadHttpRequestException bad => BadRequests.For(httpContext, bad),
            _ => OrleansFailures.Classify(exception, httpContext.RequestAborted) switch
            {
                FailureFamily.Storage => Unavailable(httpContext, "The database is briefly unavailable; nothing was stored by this request. Retry shortly."),
                FailureFamily.Cluster => Unavailable(httpContext, "The cluster is briefly unavailable; nothing was changed by this request unless it said so. Retry shortly."),
                _ => null,
            },
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "The request failed unexpectedly; it has been logged.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Validation(CrmException crm) =>
        new(new Dictionary<string, string[]> { [crm.Field ?? "request"] = [crm.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        };

    private static ProblemDetails Problem(int status, string title, string detail, string? field)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    private static ProblemDetails Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
