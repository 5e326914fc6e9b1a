using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrmActors.WebApi.Errors;

/// <summary>A 404 with a problem-details body naming what was not found.</summary>
public static class NotFoundProblem
{
    /// <summary>Builds the 404.</summary>
    public static NotFound<ProblemDetails> For(string what, string id) =>
        TypedResults.NotFound(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found",
            Detail = $"{what} '{id}' does not exist.",
        });
}
