using System.Globalization;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Reports;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// /api/v1/reports/daily: the tenant's daily health report. Admins configure when it is made (a local time in the
/// follow-up policy's calendar), who receives which scope and the channel it is pushed to; reps, supervisors,
/// managers and admins read a stored day as JSON, CSV or an HTML page, each the sections they may see (a rep their
/// own, a supervisor their team's and their reps', managers and admins all).
/// </summary>
public static class ReportsApi
{
    /// <summary>The most recipients a tenant's report may have.</summary>
    public const int MaxRecipients = 500;

    private static readonly Dictionary<string, ReportScope> Scopes = new(StringComparer.Ordinal)
    {
        ["rep"] = ReportScope.Rep,
        ["team"] = ReportScope.Team,
        ["tenant"] = ReportScope.Tenant,
    };

    /// <summary>Maps the report endpoints.</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var reports = api.MapGroup("/reports/daily").WithTags("Reports");
        reports.MapGet("/config", GetConfigAsync).WithName("GetDailyReportConfig").WithSummary("The daily report's configuration and when the next one is due (admin)").RequireAuthorization(AuthenticationSetup.Administer);
        reports.MapPut("/config", PutConfigAsync).WithName("PutDailyReportConfig").WithSummary("Set the daily report: local time, non-working days, channel, recipients and their scopes (admin)").RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        reports.MapPost("/run", RunAsync).WithName("RunDailyReport").WithSummary("Make today's report now and push it, unless today's is made already (then it is returned) (admin)").RequireAuthorization(AuthenticationSetup.Administer).AuditedConfig();
        reports.MapGet("/", ListAsync).WithName("ListDailyReports").WithSummary("The days with a stored report, newest first");
        reports.MapGet("/{date}", GetAsync).WithName("GetDailyReport").WithSummary("One day's report, the sections the caller may see: JSON, ?format=csv or ?format=html (a page)").AuditedExport();
        return api;
    }

    private static IDailyReportGrain Grain(IGrainFactory grains, Caller caller) => grains.GetGrain<IDailyReportGrain>(caller.Key(IDailyReportGrain.Id));

    private static async Task<Ok<DailyReportConfigResponse>> GetConfigAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(await Grain(grains, caller).GetSettingsAsync()));

    private static async Task<Results<Ok<DailyReportConfigResponse>, ValidationProblem, ProblemHttpResult>> PutConfigAsync(
        PutDailyReportConfigRequest request, Caller caller, IGrainFactory grains)
    {
        var errors = new FieldErrors().Required(request.At, "at", 5).Required(request.Channel, "channel", 32);
        if (request.At is { Length: > 0 } at && !TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add("at", "'at' is a local time of day as HH:mm, e.g. 08:30.");
        }

        if (request.Channel is { Length: > 0 } channel && !NotificationChannels.Webhooks.Contains(channel, StringComparer.Ordinal))
        {
            errors.Add("channel", $"'channel' must be one of: {string.Join(", ", NotificationChannels.Webhooks)}.");
        }

        var recipients = request.Recipients ?? [];
        if (recipients.Count == 0)
        {
            errors.Add("recipients", "'recipients' needs at least one { \"userId\", \"scope\" }.");
        }
        else if (recipients.Count > MaxRecipients)
        {
            errors.Add("recipients", $"'recipients' may have at most {MaxRecipients} entries.");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < Math.Min(recipients.Count, MaxRecipients); i++)
        {
            var path = $"recipients[{i}]";
            if (recipients[i] is not { } r)
            {
                errors.Add(path, $"'{path}' must be an object with 'userId' and 'scope'.");
                continue;
            }

            if (!Identifier.IsValid(r.UserId))
            {
                errors.Add($"{path}.userId", $"'{path}.userId' must be a user id.");
            }

            if (r.Scope is null || !Scopes.ContainsKey(r.Scope))
            {
                errors.Add($"{path}.scope", $"'{path}.scope' must be one of: {string.Join(", ", Scopes.Keys)}.");
            }
            else if (r.UserId is not null && !seen.Add((r.UserId, r.Scope)))
            {
                errors.Add(path, $"'{path}' repeats {r.UserId} with scope {r.Scope}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        // A rep's or a team's report is about someone on the roster; a manager reading the tenant need not be.
        for (var i = 0; i < recipients.Count; i++)
        {
            var r = recipients[i]!;
            if (r.Scope != "tenant" && await grains.GetGrain<IRepGrain>(caller.Key(r.UserId!)).GetProfileAsync() is null)
            {
                return NotFoundProblem.For("Rep", r.UserId!, $"recipients[{i}].userId");
            }
        }

        var config = new DailyReportConfig(
            TimeOnly.ParseExact(request.At!, "HH:mm", CultureInfo.InvariantCulture),
            request.IncludeNonWorkingDays ?? false,
            request.Channel!,
            [.. recipients.Select(r => new ReportRecipient(r!.UserId!, Scopes[r.Scope!]))],
            request.Enabled ?? true,
            caller.UserId);
        return TypedResults.Ok(ToResponse(await Grain(grains, caller).ConfigureAsync(config)));
    }

    private static async Task<Ok<DailyReport>> RunAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, caller).RunAsync());

    private static async Task<IResult> ListAsync(Caller caller, IGrainFactory grains) =>
        Refusal(caller) as IResult ?? TypedResults.Ok(new { days = await Grain(grains, caller).GetDaysAsync() });

    private static async Task<IResult> GetAsync(string date, string? format, Caller caller, IGrainFactory grains)
    {
        if (Refusal(caller) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add("date", "'date' is a local date as yyyy-MM-dd, e.g. 2026-03-09.");
        }

        if (format is not (null or "json" or "csv" or "html"))
        {
            errors.Add("format", "'format' must be json, csv or html.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        if (await Grain(grains, caller).GetAsync(day) is not { } report)
        {
            return NotFoundProblem.For("Daily report", date, "date");
        }

        var sections = report.Sections.Where(s => MaySee(caller, s)).ToList();
        var names = sections.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var alerts = report.Alerts.Where(a => names.Contains(a.Section) || a.ManagerIds.Contains(caller.UserId)).ToList();
        return format switch
        {
            "csv" => StatsApi.CsvFile($"daily-report-{date}", DailyReportPage.Rows(report, sections, alerts)),
            "html" => TypedResults.Content(DailyReportPage.Html(report, sections, alerts), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report with
            {
                Sections = sections,
                Alerts = alerts,
                Deliveries = caller.IsAny(CrmRoles.Manager, CrmRoles.Admin) ? report.Deliveries : [],
            }),
        };
    }

    /// <summary>A rep sees their own section, a supervisor their team's and their reps', managers and admins all.</summary>
    private static bool MaySee(Caller caller, ReportSection section) => caller.Role switch
    {
        CrmRoles.Manager or CrmRoles.Admin => true,
        CrmRoles.Supervisor => (section.Scope == ReportScope.Team && section.Id == caller.UserId) || (section.Scope == ReportScope.Rep && (section.TeamId == caller.UserId || section.Id == caller.UserId)),
        CrmRoles.Rep => section.Scope == ReportScope.Rep && section.Id == caller.UserId,
        _ => false,
    };

    private static ProblemHttpResult? Refusal(Caller caller) =>
        caller.IsAny(CrmRoles.Rep, CrmRoles.Supervisor, CrmRoles.Manager, CrmRoles.Admin)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Daily reports are for reps, supervisors, managers and admins.");

    private static DailyReportConfigResponse ToResponse(DailyReportSettings s) => new(
        s.Config is not null,
        s.Config?.At.ToString("HH:mm", CultureInfo.InvariantCulture),
        s.Config?.IncludeNonWorkingDays ?? false,
        s.Config?.Channel,
        [.. (s.Config?.Recipients ?? []).Select(r => new ReportRecipientResponse(r.UserId, Scopes.First(x => x.Value == r.Scope).Key))],
        s.Config?.Enabled ?? false,
        s.Config?.ConfiguredBy,
        s.ConfiguredAt,
        s.TimeZone,
        s.NextDay,
        s.NextAt,
        s.LastDay);
}
