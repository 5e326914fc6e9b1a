using System.Text.Json;
using System.Text.RegularExpressions;
using CrmActors.FollowUp;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Problem details for a request the framework could not read (unreadable JSON, a value of the wrong type, a query
/// value that is not a number). The framework's own messages name parameters' .NET types and the serializer's name
/// ours ("could not be converted to CrmActors..."); these name the field as the client spells it instead.
/// </summary>
public static partial class BadRequests
{
    /// <summary>The problem for <paramref name="bad"/> on <paramref name="http"/>'s endpoint.</summary>
    public static ProblemDetails For(HttpContext http, BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bad);
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? RequestLimits.MaxBodyBytes(http);
            var (title, detail) = RequestLimits.TooLarge(limit, http.Request.ContentLength);
            return new ProblemDetails { Status = bad.StatusCode, Title = title, Detail = detail };
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new ProblemDetails { Status = bad.StatusCode, Title = "Unsupported media type", Detail = "Send the body as JSON, with Content-Type: application/json." };
        }

        if (bad.InnerException is JsonException json)
        {
            var target = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType ?? typeof(JsonElement);
            var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var (field, message) = JsonInputError.Describe(json, target, options);
            return Invalid(field, message);
        }

        if (NotBound().Match(bad.Message) is { Success: true } notBound)
        {
            var name = notBound.Groups["name"].Value;
            return Invalid(name, $"'{name}' is not in the expected form.");
        }

        if (NotProvided().Match(bad.Message) is { Success: true } notProvided)
        {
            return notProvided.Groups["source"].Value == "body"
                ? Invalid(JsonBodyGuard.BodyField, "A JSON body is required.")
                : Invalid(notProvided.Groups["name"].Value, $"'{notProvided.Groups["name"].Value}' is required.");
        }

        return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = "The request could not be read." };
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Detail = message,
        };

    // 'Failed to bind parameter "int? limit" from "abc".'
    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]*\s)?(?<name>[^"\s]+)" from""", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NotBound();

    // 'Required parameter "string team" was not provided from query string.'
    [GeneratedRegex("""^Required parameter "(?:[^"]*\s)?(?<name>[^"\s]+)" was not provided from (?<source>[a-z ]+)\.""", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NotProvided();
}
