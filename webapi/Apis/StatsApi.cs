using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Security;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Security;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// /api/v1/stats: the live statistics of S7 per tenant, team or rep, the leads behind each number, the trusted
/// leads shortlist, CSV exports (<c>?format=csv</c>) and a live stream (server-sent events).
/// A rep sees their own numbers, a supervisor their team's, managers and admins any.
/// </summary>
public static class StatsApi
{
    /// <summary>The largest page of leads behind a number.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How often the live stream looks for new figures.</summary>
    public static readonly TimeSpan StreamPoll = TimeSpan.FromMilliseconds(500);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the stats endpoints.</summary>
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var stats = api.MapGroup("/stats").WithTags("Statistics");
        stats.MapGet("/", GetAsync).WithName("GetStats").WithSummary("Every S7 metric with its value, thresholds and state, leads in and assigned per minute, the funnel and rep loads; ?team= or ?rep= narrows; ?format=csv exports the metrics").AuditedExport();
        stats.MapGet("/reps", GetRepsAsync).WithName("GetStatsReps").WithSummary("Per-rep load (open, overdue, escalated); ?format=csv exports it").AuditedExport();
        stats.MapGet("/metrics/{metric}/leads", GetLeadsAsync).WithName("GetStatsLeads").WithSummary("The leads behind one metric, paged (?page=1&pageSize=50), each with whether it meets the metric; ?format=csv exports them all").AuditedExport();
        stats.MapGet("/trusted-leads", GetTrustedAsync).WithName("GetTrustedLeads").WithSummary("Today's shortlist: up to 8 open leads with real customer actions in the last 7 days; ?format=csv exports it").AuditedExport();
        stats.MapGet("/regions", GetRegionsAsync).WithName("GetStatsRegions").WithSummary("Leads, first response, conversion and alarms by province, with its cities under it; ?format=csv exports one row per province and city").AuditedExport();
        stats.MapGet("/regions/{province}/leads", GetRegionLeadsAsync).WithName("GetStatsRegionLeads").WithSummary("The leads of one province (Chinese or pinyin, or 'unknown'), ?city= narrows to a city, paged (?page=1&pageSize=50); ?format=csv exports them all").AuditedExport();
        stats.MapGet("/stream", StreamAsync).WithName("StreamStats").WithSummary("The dashboard live, as server-sent events: a 'stats' event with the whole view whenever the figures change");
        return api;
    }

    private static async Task<IResult> GetAsync(string? team, string? rep, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var view = await grains.GetGrain<ITenantStatsGrain>(caller.Tenant).GetAsync(scope);
        return Csv(format)
            ? CsvFile("stats", view.Metrics.Select(m => new { metric = m.Id, m.Value, m.Unit, count = m.Count, m.Healthy, m.Alarm, m.State }))
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetRepsAsync(string? team, string? rep, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var view = await grains.GetGrain<ITenantStatsGrain>(caller.Tenant).GetAsync(scope);
        return Csv(format) ? CsvFile("reps", view.Reps) : TypedResults.Ok(view.Reps);
    }

    private static async Task<IResult> GetLeadsAsync(string metric, string? team, string? rep, int? page, int? pageSize, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var errors = PageErrors(page, pageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var stats = grains.GetGrain<ITenantStatsGrain>(caller.Tenant);
        var csv = Csv(format);
        var result = await stats.GetLeadsAsync(metric, scope, csv ? 1 : page ?? 1, csv ? int.MaxValue : pageSize ?? 50);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no metric '{metric}'.", extensions: new Dictionary<string, object?> { ["field"] = "metric" });
        }

        return csv ? CsvFile($"{metric}-leads", result.Leads) : TypedResults.Ok(result);
    }

    private static async Task<IResult> GetTrustedAsync(string? team, string? rep, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var leads = await grains.GetGrain<ITenantStatsGrain>(caller.Tenant).GetTrustedLeadsAsync(scope);
        return Csv(format) ? CsvFile("trusted-leads", leads) : TypedResults.Ok(leads);
    }

    private static async Task<IResult> GetRegionsAsync(string? team, string? rep, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var view = await grains.GetGrain<ITenantStatsGrain>(caller.Tenant).GetRegionsAsync(scope);
        return Csv(format) ? CsvFile("regions", view.Provinces.SelectMany(p => p.Cities.Prepend(p.Total))) : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetRegionLeadsAsync(string province, string? city, string? team, string? rep, int? page, int? pageSize, string? format, Caller caller, IGrainFactory grains)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            return refused;
        }

        var errors = PageErrors(page, pageSize);
        var canonical = string.Equals(province.Trim(), RegionalView.UnknownProvince, StringComparison.OrdinalIgnoreCase)
            ? RegionalView.UnknownProvince
            : ChinaRegions.Province(province)?.Province;
        if (canonical is null)
        {
            errors.Add("province", $"'{province}' is not a province, municipality or region of China (nor 'unknown'); write it in Chinese or pinyin, e.g. 广东 or Guangdong.");
        }

        // A city the dictionary knows is matched by its canonical name; another is matched as written (intake keeps those).
        var cityName = string.IsNullOrWhiteSpace(city) ? null : ChinaRegions.City(city) is { } known ? known.City : city.Trim();
        if (canonical is not null && ChinaRegions.City(city) is { } c && c.Province != canonical)
        {
            errors.Add("city", $"'{city}' is in {c.Province}, not in {canonical}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var csv = Csv(format);
        var result = await grains.GetGrain<ITenantStatsGrain>(caller.Tenant).GetRegionLeadsAsync(canonical!, cityName, scope, csv ? 1 : page ?? 1, csv ? int.MaxValue : pageSize ?? 50);
        return csv ? CsvFile("region-leads", result.Leads) : TypedResults.Ok(result);
    }

    private static FieldErrors PageErrors(int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        if (page is < 1)
        {
            errors.Add("page", "'page' starts at 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"'pageSize' must be between 1 and {MaxPageSize}.");
        }

        return errors;
    }

    private static async Task StreamAsync(string? team, string? rep, Caller caller, IGrainFactory grains, HttpContext http)
    {
        if (Scope(caller, team, rep, out var scope) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        var ct = http.RequestAborted;
        var stats = grains.GetGrain<ITenantStatsGrain>(caller.Tenant);
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        long sent = -1;
        var quietSince = DateTimeOffset.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var version = await stats.GetVersionAsync();
                if (version != sent || DateTimeOffset.UtcNow - quietSince > TimeSpan.FromSeconds(30))
                {
                    // Also every 30 s without a change: time-based numbers (per minute, overdue) move on their own.
                    var view = await stats.GetAsync(scope);
                    await http.Response.WriteAsync($"event: stats\ndata: {JsonSerializer.Serialize(view, Json)}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    sent = version;
                    quietSince = DateTimeOffset.UtcNow;
                }

                await Task.Delay(StreamPoll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>The scope the caller may see: a rep only their own, a supervisor their team, managers and admins any; others none.</summary>
    private static ProblemHttpResult? Scope(Caller caller, string? team, string? rep, out StatsScope scope)
    {
        scope = new StatsScope(Blank(team), Blank(rep));
        switch (caller.Role)
        {
            case CrmRoles.Manager or CrmRoles.Admin:
                return null;
            case CrmRoles.Supervisor when scope.TeamId is null || scope.TeamId == caller.UserId:
                scope = scope with { TeamId = caller.UserId };
                return null;
            case CrmRoles.Rep when (scope.RepId is null || scope.RepId == caller.UserId) && scope.TeamId is null:
                scope = new StatsScope(RepId: caller.UserId);
                return null;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: caller.Role is CrmRoles.Rep or CrmRoles.Supervisor
                        ? "A rep sees their own statistics and a supervisor their team's."
                        : "Statistics are for reps, supervisors, managers and admins.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Csv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Rows as an RFC 4180 CSV download: UTF-8 with a byte-order mark (spreadsheet programs then read Chinese names),
    /// and text that a spreadsheet would run as a formula (=, +, -, @) escaped.
    /// </summary>
    internal static FileContentHttpResult CsvFile<T>(string name, IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToArray();
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
            csv.WriteHeader([.. properties.Select(p => p.Name)]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. properties.Select(p => Text(p.GetValue(row)))]);
            }

            csv.Flush();
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset at => at.ToString("u", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
