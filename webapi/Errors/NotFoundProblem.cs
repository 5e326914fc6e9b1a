using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Errors;

/// <summary>A 404 with an application/problem+json body naming what was not found.</summary>
public static class NotFoundProblem
{
    /// <summary>Builds the 404.</summary>
    public static ProblemHttpResult For(string what, string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"{what} '{id}' does not exist.");

    /// <summary>Builds the 404 for an id the request named in <paramref name="field"/> (carried as the "field" extension).</summary>
    public static ProblemHttpResult For(string what, string id, string field) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"{what} '{id}' does not exist.",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
