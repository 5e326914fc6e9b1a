using System.Text.Json;
using System.Text.Json.Nodes;
using CrmActors.GrainInterfaces.Audit;

namespace CrmActors.WebApi.Security;

/// <summary>
/// Records a configuration change, an import or a data export in the tenant's audit log once the handler has
/// done it (2xx): who, when, which operation, and the request as JSON with secrets withheld.
/// </summary>
public sealed partial class AuditFilter(string action) : IEndpointFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] SecretNames = ["secret", "password", "token", "signingkey"];

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var http = context.HttpContext;
        if (action == "export" && !string.Equals(http.Request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase))
        {
            return result;
        }

        var status = StatusOf(result) ?? http.Response.StatusCode;
        if (status is < 200 or >= 300 || Caller.From(http.User) is not { } caller)
        {
            return result;
        }

        var operation = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        var entry = new AuditEntry(
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), caller.UserId, caller.Role, action, operation, status, Detail(context.Arguments));
        try
        {
            await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IAuditLogGrain>(caller.Tenant).RecordAsync(entry);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The change is done; answering an error would invite a retry of it. The missing entry is logged in full.
            LogAuditLost(http.RequestServices.GetRequiredService<ILogger<AuditFilter>>(), ex, caller.Tenant, caller.UserId, operation, entry.Detail);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry not stored for tenant {Tenant}: {UserId} {Operation} {Detail}")]
    private static partial void LogAuditLost(ILogger logger, Exception ex, string tenant, string userId, string operation, string? detail);

    /// <summary>The request's own values (route values and bodies), not the services the handler was given; secrets withheld.</summary>
    public static string? Detail(IEnumerable<object?> arguments)
    {
        var values = new JsonArray();
        foreach (var argument in arguments ?? [])
        {
            if (argument is string or int or long or decimal or bool or JsonElement
                || argument?.GetType().Namespace?.StartsWith("CrmActors.WebApi.Contracts", StringComparison.Ordinal) == true)
            {
                values.Add(Redact(JsonSerializer.SerializeToNode(argument, Json)));
            }
        }

        return values.Count == 0 ? null : values.ToJsonString();
    }

    private static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        obj[name] = value is null ? null : "(withheld)";
                    }
                    else
                    {
                        Redact(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }

        return node;
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        IResult => StatusCodes.Status200OK,
        _ => null,
    };
}

/// <summary>Marks endpoints whose successful calls are audited.</summary>
public static class AuditConventions
{
    /// <summary>A change of the tenant's configuration.</summary>
    public static TBuilder AuditedConfig<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AuditFilter("config"));

    /// <summary>Data taken out (audited when the caller asks for <c>?format=csv</c>).</summary>
    public static TBuilder AuditedExport<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AuditFilter("export"));

    /// <summary>Data brought in in bulk.</summary>
    public static TBuilder AuditedImport<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AuditFilter("import"));
}
