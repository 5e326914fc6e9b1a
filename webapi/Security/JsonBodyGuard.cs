using CrmActors.WebApi.Errors;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Security;

/// <summary>
/// Reads the body of every endpoint that takes JSON before the endpoint sees it, so that the same answers hold for
/// every such endpoint: over the size limit is the 413 whether the body said its length or came in chunks; an empty
/// body or a literal <c>null</c> is a 400 naming the body; text no field may hold (control characters anywhere, tabs
/// or line breaks in a single-line field, see <see cref="JsonBodyText"/>) is a 400 naming each such field, before
/// anything is stored.
/// </summary>
public static class JsonBodyGuard
{
    /// <summary>The field name of the whole body in problem details.</summary>
    public const string BodyField = "$";

    /// <summary>Adds the guard; it runs after authorization, so nothing is read for a caller who may not call.</summary>
    public static IApplicationBuilder UseJsonBodyGuard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (http, next) =>
        {
            if (!TakesJson(http.GetEndpoint()))
            {
                await next(http);
                return;
            }

            var limit = RequestLimits.MaxBodyBytes(http);
            var body = await ReadAsync(http, limit);
            if (body is null)
            {
                await RequestLimits.WriteTooLargeAsync(http, limit);
                return;
            }

            if (IsMissing(body))
            {
                await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [BodyField] = ["A JSON body is required: send the fields as a JSON object with Content-Type: application/json."] },
                    detail: "A JSON body is required.",
                    title: "The request has invalid fields.").ExecuteAsync(http);
                return;
            }

            var depth = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxJsonDepth;
            var text = JsonBodyText.Check(body, depth, new FieldErrors());
            if (!text.IsEmpty)
            {
                await text.ToProblem().ExecuteAsync(http);
                return;
            }

            http.Request.Body = new MemoryStream(body, writable: false);
            await next(http);
        });
    }

    private static bool TakesJson(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null, IsOptional: false } accepts
        && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (counted, since a chunked body has no length).</summary>
    private static async Task<byte[]?> ReadAsync(HttpContext http, long limit)
    {
        try
        {
            if (http.Request.ContentLength is { } length)
            {
                if (length > limit)
                {
                    return null;
                }

                // The server delivers exactly the length declared: read it into one array of that size, nothing to copy.
                var body = new byte[length];
                var read = await http.Request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, http.RequestAborted);
                return read == body.Length ? body : body[..read];
            }

            return await ReadChunkedAsync(http.Request.Body, limit, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server counted first (its own limit is set to the same value).
            return null;
        }
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream(4096);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellation)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    // Nothing, only whitespace (and a byte order mark), or the literal null: there is no body to bind.
    private static bool IsMissing(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        body = body.Trim((ReadOnlySpan<byte>)" \t\r\n"u8);
        return body.IsEmpty || body.SequenceEqual("null"u8);
    }
}
