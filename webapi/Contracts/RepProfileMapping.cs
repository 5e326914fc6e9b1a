using System.Globalization;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Contracts;

/// <summary>Validates a PUT /api/v1/reps/{id} body and maps it to the grain's profile; every bad field is named.</summary>
public static class RepProfileMapping
{
    private const int MaxListEntries = 50;
    private const int MaxValueLength = 64;

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>The profile, or null with <paramref name="errors"/> naming each bad field.</summary>
    public static RepProfile? ToProfile(this SaveRepRequest request, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        errors.Required(request.DisplayName, "displayName", 100).MaxLength(request.Email, "email", 254);
        if (request.SupervisorId is not null && !Identifier.IsValid(request.SupervisorId))
        {
            errors.Add("supervisorId", "'supervisorId' must be a valid id.");
        }

        if (request.Capacity is { } capacity && capacity is < 1 or > 10_000)
        {
            errors.Add("capacity", "'capacity' must be between 1 and 10000.");
        }

        if (request.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("email", "'email' is not a valid email address.");
        }

        var groups = List(request.Groups, "groups", errors, mustBeIds: true);
        var industries = List(request.Industries, "industries", errors);
        var levels = List(request.InstitutionLevels, "institutionLevels", errors);
        var products = List(request.Products, "products", errors);
        var regions = List(request.Regions, "regions", errors);
        var languages = List(request.Languages, "languages", errors);
        if (request.DealSizeMin is < 0)
        {
            errors.Add("dealSizeMin", "'dealSizeMin' must not be negative.");
        }

        if (request.DealSizeMin is { } min && request.DealSizeMax is { } max && min > max)
        {
            errors.Add("dealSizeMin", "'dealSizeMin' must not exceed 'dealSizeMax'.");
        }

        var schedule = Schedule(request.WorkingHours, request.OnLeaveUntil, errors);
        var wins = Wins(request.Wins, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        var hasExpertise = industries.Count + levels.Count + products.Count + regions.Count + languages.Count > 0
            || request.DealSizeMin is not null || request.DealSizeMax is not null || wins.Count > 0;
        return new RepProfile(
            request.DisplayName!.Trim(), request.Email?.Trim(), request.SupervisorId, request.Capacity ?? 50, request.Active ?? true,
            groups,
            hasExpertise ? new RepExpertise(industries, levels, products, regions, languages, request.DealSizeMin, request.DealSizeMax, wins) : null,
            schedule);
    }

    private static List<RepWin> Wins(IReadOnlyList<RepWinContract>? wins, FieldErrors errors)
    {
        if (wins is null)
        {
            return [];
        }

        if (wins.Count > MaxListEntries)
        {
            errors.Add("wins", $"'wins' may hold at most {MaxListEntries} entries.");
            return [];
        }

        var kept = new List<RepWin>(wins.Count);
        for (var i = 0; i < wins.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"wins[{i}]");
            if (wins[i] is not { } win)
            {
                errors.Add(field, $"'{field}' must be an object.");
                continue;
            }

            var industry = Value(win.Industry, $"{field}.industry", errors);
            var product = Value(win.Product, $"{field}.product", errors);
            var level = Value(win.InstitutionLevel, $"{field}.institutionLevel", errors);
            if (industry is null && product is null && level is null)
            {
                errors.Add(field, $"'{field}' needs an industry, a product or an institution level.");
            }

            if (win.Count is not (>= 1 and <= 100_000))
            {
                errors.Add($"{field}.count", $"'{field}.count' must be between 1 and 100000.");
                continue;
            }

            var entry = new RepWin(industry, product, level, win.Count.Value);
            var same = kept.FindIndex(k => k.SameKind(entry));
            if (same < 0)
            {
                kept.Add(entry);
            }
            else
            {
                kept[same] = kept[same] with { Count = kept[same].Count + entry.Count };
            }
        }

        return kept;
    }

    private static string? Value(string? value, string field, FieldErrors errors)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > MaxValueLength })
        {
            errors.Add(field, $"'{field}' must be at most {MaxValueLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static List<string> List(IReadOnlyList<string>? values, string field, FieldErrors errors, bool mustBeIds = false)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxListEntries)
        {
            errors.Add(field, $"'{field}' may hold at most {MaxListEntries} values.");
            return [];
        }

        var cleaned = new List<string>(values.Count);
        foreach (var value in values)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxValueLength || (mustBeIds && !Identifier.IsValid(trimmed)))
            {
                errors.Add(field, mustBeIds
                    ? $"Every entry of '{field}' must be an id: 1-{Identifier.MaxLength} letters, digits, '-', '_' or '.'."
                    : $"Every entry of '{field}' must be 1 to {MaxValueLength} characters.");
                return [];
            }

            if (!cleaned.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                cleaned.Add(trimmed);
            }
        }

        return cleaned;
    }

    private static RepSchedule? Schedule(WorkingHoursContract? hours, DateTimeOffset? onLeaveUntil, FieldErrors errors)
    {
        // No working hours means none, never a default: the rep is always on shift (leave still applies).
        if (hours is null)
        {
            return onLeaveUntil is { } leave ? RepSchedule.LeaveOnly(leave) : null;
        }

        if (hours.Days is { Count: 0 })
        {
            errors.Add("workingHours.days", "'workingHours.days' needs at least one day; leave out 'workingHours' for a rep without fixed hours.");
        }

        var zone = hours.TimeZone?.Trim();
        if (string.IsNullOrEmpty(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("workingHours.timeZone", "'workingHours.timeZone' must be an IANA time zone such as 'Asia/Shanghai'.");
        }

        var start = Time(hours.Start, "workingHours.start", errors);
        var end = Time(hours.End, "workingHours.end", errors);
        var days = new List<DayOfWeek>();
        foreach (var day in hours.Days ?? ["Mon", "Tue", "Wed", "Thu", "Fri"])
        {
            var index = Array.FindIndex(DayNames, d => string.Equals(d, day?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                errors.Add("workingHours.days", "'workingHours.days' entries must be Mon, Tue, Wed, Thu, Fri, Sat or Sun.");
                break;
            }

            if (!days.Contains((DayOfWeek)index))
            {
                days.Add((DayOfWeek)index);
            }
        }

        return errors.IsEmpty ? new RepSchedule(zone!, start, end, days, onLeaveUntil) : null;
    }

    private static TimeOnly Time(string? value, string field, FieldErrors errors)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, $"'{field}' must be a local time written HH:mm, such as 09:00.");
        return TimeOnly.MinValue;
    }
}
