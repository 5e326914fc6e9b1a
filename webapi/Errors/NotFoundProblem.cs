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
}
