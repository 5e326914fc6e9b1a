using CrmActors.GrainInterfaces.Common;
using CrmActors.WebApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>Checks ids that arrive in the URL before they reach a grain key.</summary>
public static class RouteIds
{
    /// <summary>Null when the id is well-formed, otherwise a 400 naming the field.</summary>
    public static ValidationProblem? Check(string id, string field) =>
        Identifier.IsValid(id) ? null : new FieldErrors().Add(field, $"'{field}' is not a valid id.").ToProblem();
}
