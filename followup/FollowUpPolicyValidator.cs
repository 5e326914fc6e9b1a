using System.Globalization;

namespace CrmActors.FollowUp;

/// <summary>Checks a follow-up policy before it is saved: every problem is reported with the path of its field.</summary>
public static class FollowUpPolicyValidator
{
    /// <summary>The weekday keys of <see cref="CalendarPolicy.Hours"/>.</summary>
    public static IReadOnlyDictionary<string, DayOfWeek> DayKeys { get; } = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>Every problem with <paramref name="policy"/>; empty when it can be saved.</summary>
    public static IReadOnlyList<FollowUpError> Validate(FollowUpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<FollowUpError>();

        // A member written as null would be kept as null (not the default): refuse it, so nothing downstream meets one.
        Present(errors, "escalation", policy.Escalation);
        Present(errors, "promises", policy.Promises);
        Present(errors, "evidenceRequiredFor", policy.EvidenceRequiredFor);
        Present(errors, "emptyPhrases", policy.EmptyPhrases);
        Present(errors, "alertChannels", policy.AlertChannels);
        Present(errors, "quality", policy.Quality);
        Present(errors, "hints", policy.Hints);
        Present(errors, "approvals", policy.Approvals);
        errors.AddRange(policy.Approvals?.Check() ?? []);
        Present(errors, "health", policy.Health);
        errors.AddRange(policy.Health?.Check() ?? []);
        Present(errors, "opportunity", policy.Opportunity);
        errors.AddRange(policy.Opportunity?.Check() ?? []);
        Present(errors, "dashboard", policy.Dashboard);
        if (policy.Dashboard is { } dashboard)
        {
            Present(errors, "dashboard.thresholds", dashboard.Thresholds);
            errors.AddRange(dashboard.Check());
        }

        Present(errors, "service", policy.Service);
        errors.AddRange(policy.Service?.Check() ?? []);
        if (policy.Quality is { } quality)
        {
            Present(errors, "quality.rules", quality.Rules);
            for (var i = 0; i < (quality.Rules ?? []).Count; i++)
            {
                Present(errors, $"quality.rules[{i}].when", quality.Rules![i]?.When);
            }
        }

        for (var i = 0; i < (policy.Hints ?? []).Count; i++)
        {
            Present(errors, $"hints[{i}].whenPhrase", policy.Hints![i]?.WhenPhrase);
        }

        if (policy.Calendar is { } calendar)
        {
            Present(errors, "calendar.hours", calendar.Hours);
            Present(errors, "calendar.holidays", calendar.Holidays);
            Present(errors, "calendar.extraWorkdays", calendar.ExtraWorkdays);
            BuildCalendar(calendar, errors);
        }

        CheckEscalation(policy.Escalation ?? [], errors);
        Range(errors, "promises.notOpenedHours", policy.Promises?.NotOpenedHours ?? 0, 1, 24 * 60);
        Range(errors, "promises.notReadDays", policy.Promises?.NotReadDays ?? 0, 1, 365);
        if (policy.Promises is { } promises && TimeSpan.FromDays(promises.NotReadDays) <= TimeSpan.FromHours(promises.NotOpenedHours))
        {
            errors.Add(new("promises.notReadDays", "The red step must come after the nudge: 'notReadDays' must be longer than 'notOpenedHours'."));
        }

        Range(errors, "contactLogMinutes", policy.ContactLogMinutes, 1, 24 * 60);
        Range(errors, "customerSilenceDays", policy.CustomerSilenceDays, 1, 365);
        Range(errors, "ticketResolutionHours", policy.TicketResolutionHours, 1, 24 * 90);
        Range(errors, "calendarToleranceMinutes", policy.CalendarToleranceMinutes, 0, 7 * 24 * 60);
        var evidence = policy.EvidenceRequiredFor ?? [];
        for (var i = 0; i < evidence.Count; i++)
        {
            if (ActivityType.Find(evidence[i]) is null)
            {
                errors.Add(new($"evidenceRequiredFor[{i}]", $"Unknown activity type '{evidence[i]}'; use one of: {string.Join(", ", ActivityType.All.Select(t => t.Id))}."));
            }
        }

        var channels = policy.AlertChannels ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            if (!FollowUpPolicy.WebhookChannels.Contains(channels[i], StringComparer.Ordinal))
            {
                errors.Add(new($"alertChannels[{i}]", $"Unknown channel '{channels[i]}'; use one of: {string.Join(", ", FollowUpPolicy.WebhookChannels)}."));
            }
        }

        var phrases = policy.EmptyPhrases ?? [];
        for (var i = 0; i < phrases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(phrases[i]) || phrases[i].Length > 200)
            {
                errors.Add(new($"emptyPhrases[{i}]", "A phrase is 1 to 200 characters."));
            }
        }

        CheckQuality(policy.Quality, errors);
        CheckHints(policy.Hints ?? [], errors);
        return errors;
    }

    /// <summary>The calendar of a valid policy (always open when it has none).</summary>
    public static BusinessCalendar CalendarOf(FollowUpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Calendar is null)
        {
            return BusinessCalendar.AlwaysOpen;
        }

        var errors = new List<FollowUpError>();
        return BuildCalendar(policy.Calendar, errors) ?? throw new ArgumentException(string.Join("; ", errors), nameof(policy));
    }

    private static BusinessCalendar? BuildCalendar(CalendarPolicy calendar, List<FollowUpError> errors)
    {
        var before = errors.Count;
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone ?? string.Empty);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            errors.Add(new("calendar.timeZone", $"Unknown time zone '{calendar.TimeZone}'; use an IANA id such as Asia/Shanghai."));
        }

        var hours = new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>();
        foreach (var (key, intervals) in calendar.Hours ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!DayKeys.TryGetValue(key, out var day))
            {
                errors.Add(new($"calendar.hours.{key}", $"Unknown day '{key}'; use {string.Join(", ", DayKeys.Keys)}."));
                continue;
            }

            var parsed = new List<OpenInterval>();
            for (var i = 0; i < (intervals ?? []).Count; i++)
            {
                if (TryParseInterval(intervals![i], out var interval))
                {
                    parsed.Add(interval);
                }
                else
                {
                    errors.Add(new($"calendar.hours.{key}[{i}]", $"'{intervals[i]}' is not an interval like \"09:00-18:00\" (start before end, 24:00 for midnight)."));
                }
            }

            hours[day] = parsed;
        }

        var holidays = Dates(calendar.Holidays, "calendar.holidays", errors);
        var extra = Dates(calendar.ExtraWorkdays, "calendar.extraWorkdays", errors);
        if (errors.Count > before || zone is null)
        {
            return null;
        }

        if (hours.Values.All(h => h.Count == 0))
        {
            errors.Add(new("calendar.hours", "The calendar has no open hours; give at least one day's hours, or drop the calendar to count elapsed time."));
            return null;
        }

        try
        {
            return new BusinessCalendar(zone, hours, holidays, extra);
        }
        catch (ArgumentException ex)
        {
            // The calendar's own words ("mon: the intervals ... overlap"), without the framework's "(Parameter 'intervals')".
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            errors.Add(new("calendar.hours", message));
            return null;
        }
    }

    private static bool TryParseInterval(string? text, out OpenInterval interval)
    {
        interval = default;
        var parts = (text ?? string.Empty).Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return false;
        }

        TimeOnly end;
        if (parts[1] == "24:00")
        {
            end = TimeOnly.MaxValue;
        }
        else if (!TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            return false;
        }

        if (end <= start)
        {
            return false;
        }

        interval = new OpenInterval(start, end);
        return true;
    }

    private static List<DateOnly> Dates(IReadOnlyList<string>? texts, string path, List<FollowUpError> errors)
    {
        var dates = new List<DateOnly>();
        for (var i = 0; i < (texts ?? []).Count; i++)
        {
            if (DateOnly.TryParseExact(texts![i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add(new($"{path}[{i}]", $"'{texts[i]}' is not a date like 2026-10-01."));
            }
        }

        return dates;
    }

    private static void CheckEscalation(IReadOnlyList<EscalationStep> steps, List<FollowUpError> errors)
    {
        if (steps.Count > 10)
        {
            errors.Add(new("escalation", "At most 10 escalation steps."));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not { } step)
            {
                errors.Add(new($"escalation[{i}]", "A step is required."));
                continue;
            }

            Range(errors, $"escalation[{i}].afterDays", step.AfterDays, 1, 365);
            if (i > 0 && steps[i - 1] is { } previous && step.AfterDays <= previous.AfterDays)
            {
                errors.Add(new($"escalation[{i}].afterDays", "Steps must come in increasing order of days."));
            }

            if (!Enum.IsDefined(step.Action))
            {
                errors.Add(new($"escalation[{i}].action", "Use remindRep, copySupervisor, reassign or flag."));
            }
        }
    }

    private static void CheckQuality(QualityPolicy? quality, List<FollowUpError> errors)
    {
        if (quality is null)
        {
            return;
        }

        if (quality.DefaultLight == QualityLight.Unknown)
        {
            errors.Add(new("quality.defaultLight", "Use green, yellow or red."));
        }

        Range(errors, "quality.returnWithinMinutes", quality.ReturnWithinMinutes, 0, 120);
        if (quality.MarketingRepId is { } marketing && (marketing.Length is 0 or > 64 || marketing.Any(char.IsWhiteSpace)))
        {
            errors.Add(new("quality.marketingRepId", "A user id of 1 to 64 characters without spaces."));
        }

        var rules = quality.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add(new($"quality.rules[{i}]", "A rule is required."));
                continue;
            }

            if (rule.Light == QualityLight.Unknown)
            {
                errors.Add(new($"quality.rules[{i}].light", "Use green, yellow or red."));
            }

            if (string.IsNullOrWhiteSpace(rule.Reason) || rule.Reason.Length > 300)
            {
                errors.Add(new($"quality.rules[{i}].reason", "Say why in 1 to 300 characters: marketing reads it on a returned lead."));
            }

            if ((rule.When ?? []).Count == 0)
            {
                errors.Add(new($"quality.rules[{i}].when", "A rule needs at least one condition."));
            }

            for (var c = 0; c < (rule.When ?? []).Count; c++)
            {
                errors.AddRange(rule.When![c]?.Check($"quality.rules[{i}].when[{c}]") ?? [new FollowUpError($"quality.rules[{i}].when[{c}]", "A condition is required.")]);
            }
        }
    }

    private static void CheckHints(IReadOnlyList<HintRule> hints, List<FollowUpError> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < hints.Count; i++)
        {
            var hint = hints[i];
            var path = $"hints[{i}]";
            if (hint is null)
            {
                errors.Add(new(path, "A hint rule is required."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(hint.Id) || hint.Id.Length > 64 || !ids.Add(hint.Id))
            {
                errors.Add(new($"{path}.id", "A unique id of 1 to 64 characters is required."));
            }

            if (string.IsNullOrWhiteSpace(hint.Card) || hint.Card.Length > 300)
            {
                errors.Add(new($"{path}.card", "The card's text (1 to 300 characters) is required."));
            }

            var phrases = hint.WhenPhrase ?? [];
            if ((hint.WhenTag is null) == (phrases.Count == 0))
            {
                errors.Add(new($"{path}.whenTag", "Give either 'whenTag' or 'whenPhrase'."));
            }

            if (hint.WhenTag is { } tag && (tag.Length is 0 or > 64))
            {
                errors.Add(new($"{path}.whenTag", "A tag is 1 to 64 characters."));
            }

            Range(errors, $"{path}.atLeast", hint.AtLeast, 1, 100);
            if (hint.AfterActivity is { } after && ActivityType.Find(after) is null)
            {
                errors.Add(new($"{path}.afterActivity", $"Unknown activity type '{after}'."));
            }

            for (var p = 0; p < phrases.Count; p++)
            {
                if (string.IsNullOrWhiteSpace(phrases[p]) || phrases[p].Length > 100)
                {
                    errors.Add(new($"{path}.whenPhrase[{p}]", "A phrase is 1 to 100 characters."));
                }
            }
        }
    }

    private static void Present(List<FollowUpError> errors, string path, object? value)
    {
        if (value is null)
        {
            errors.Add(new(path, "Must not be null; leave it out for the default, or give an empty list for none."));
        }
    }

    private static void Range(List<FollowUpError> errors, string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(new(path, $"Must be between {min} and {max}."));
        }
    }
}
