namespace CrmActors.FollowUp;

/// <summary>An activity as a rep submits it, before validation.</summary>
/// <param name="Type">One of <see cref="ActivityType.All"/>.</param>
/// <param name="Fields">The type's sub-fields by name.</param>
/// <param name="Evidence">References to recordings, screenshots, receipts, invites.</param>
/// <param name="Tags">Tags such as <c>price-sensitive</c>, which next-step hints count.</param>
/// <param name="Summary">Free text.</param>
/// <param name="At">When it happened; null for now.</param>
/// <param name="NextFollowUpAt">When the rep will follow up next; arms a reminder.</param>
/// <param name="AppointmentAt">The linked calendar appointment, cross-checked against <paramref name="NextFollowUpAt"/>.</param>
public sealed record class ActivityInput(
    string? Type,
    IReadOnlyDictionary<string, string?>? Fields,
    IReadOnlyList<EvidenceInput>? Evidence,
    IReadOnlyList<string>? Tags,
    string? Summary,
    DateTimeOffset? At,
    DateTimeOffset? NextFollowUpAt,
    DateTimeOffset? AppointmentAt);

/// <summary>One evidence reference: its kind and where it is (a URL or a document id).</summary>
public sealed record class EvidenceInput(string? Kind, string? Ref);

/// <summary>The checks an activity must pass: its type's required fields, evidence, times and sizes (S4).</summary>
public static class ActivityValidator
{
    /// <summary>Longest field value.</summary>
    public const int MaxFieldLength = 2000;

    /// <summary>Most fields, evidence references or tags on one activity.</summary>
    public const int MaxItems = 20;

    /// <summary>How far back an activity may be dated.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(30);

    /// <summary>How far ahead a next follow-up may be set.</summary>
    public static readonly TimeSpan MaxFollowUpAhead = TimeSpan.FromDays(366);

    // Clocks differ between phones and servers; an activity dated this little in the future is accepted.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with <paramref name="input"/> under <paramref name="policy"/> at <paramref name="now"/>; empty when it can be logged.</summary>
    public static IReadOnlyList<FollowUpError> Validate(ActivityInput input, FollowUpPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<FollowUpError>();
        var type = ActivityType.Find(input.Type);
        if (type is null)
        {
            errors.Add(new("type", $"'type' must be one of: {string.Join(", ", ActivityType.All.Select(t => t.Id))}."));
        }

        var fields = input.Fields ?? new Dictionary<string, string?>();
        if (fields.Count > MaxItems)
        {
            errors.Add(new("fields", $"At most {MaxItems} fields."));
        }

        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 64)
            {
                errors.Add(new("fields", "Field names are 1 to 64 characters."));
            }
            else if (value is { Length: > MaxFieldLength })
            {
                errors.Add(new($"fields.{name}", $"At most {MaxFieldLength} characters."));
            }
        }

        if (type is not null)
        {
            var missing = type.RequiredFields.Where(f => string.IsNullOrWhiteSpace(fields.GetValueOrDefault(f))).ToList();
            foreach (var field in missing)
            {
                errors.Add(new($"fields.{field}", $"A '{type.Id}' activity needs '{field}' (required: {string.Join(", ", type.RequiredFields)})."));
            }

            if (missing.Count == 0 && type.RequiredFields.All(f => IsEmptyPhrase(fields[f]!, policy)))
            {
                errors.Add(new($"fields.{type.RequiredFields[0]}", $"\"{fields[type.RequiredFields[0]]!.Trim()}\" says nothing about what happened; write what the customer said or decided."));
            }

            if (policy.EvidenceRequiredFor.Contains(type.Id, StringComparer.Ordinal) && (input.Evidence is null || input.Evidence.Count == 0))
            {
                errors.Add(new("evidence", $"This tenant requires evidence ({string.Join(", ", ActivityType.EvidenceKinds)}) on '{type.Id}' activities."));
            }
        }

        CheckEvidence(input.Evidence, errors);
        CheckTags(input.Tags, errors);
        if (input.Summary is { Length: > MaxFieldLength })
        {
            errors.Add(new("summary", $"At most {MaxFieldLength} characters."));
        }

        if (input.At is { } at && (at > now + ClockSkew || at < now - MaxBackdating))
        {
            errors.Add(new("at", $"'at' must be between {MaxBackdating.TotalDays:0} days ago and now."));
        }

        if (input.NextFollowUpAt is { } next && (next <= now || next > now + MaxFollowUpAhead))
        {
            errors.Add(new("nextFollowUpAt", $"'nextFollowUpAt' must be in the future, at most {MaxFollowUpAhead.TotalDays:0} days ahead."));
        }

        if (input.AppointmentAt is { } appointment && (appointment < now - MaxBackdating || appointment > now + MaxFollowUpAhead))
        {
            errors.Add(new("appointmentAt", "'appointmentAt' is out of range."));
        }

        return errors;
    }

    /// <summary>
    /// True when a typed next follow-up is further than the tenant's tolerance from the linked calendar appointment
    /// (S4: off by more than 2 h raises a yellow warning to the supervisor).
    /// </summary>
    public static bool IsOffCalendar(DateTimeOffset nextFollowUpAt, DateTimeOffset appointmentAt, FollowUpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return (nextFollowUpAt - appointmentAt).Duration() > TimeSpan.FromMinutes(policy.CalendarToleranceMinutes);
    }

    private static bool IsEmptyPhrase(string value, FollowUpPolicy policy)
    {
        var text = value.Trim().TrimEnd('.', '。', '!', '！');
        return policy.EmptyPhrases.Any(p => string.Equals(p.Trim(), text, StringComparison.OrdinalIgnoreCase));
    }

    private static void CheckEvidence(IReadOnlyList<EvidenceInput>? evidence, List<FollowUpError> errors)
    {
        if (evidence is null)
        {
            return;
        }

        if (evidence.Count > MaxItems)
        {
            errors.Add(new("evidence", $"At most {MaxItems} evidence references."));
        }

        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i] is not { } item || !ActivityType.EvidenceKinds.Contains(item.Kind ?? string.Empty, StringComparer.Ordinal))
            {
                errors.Add(new($"evidence[{i}].kind", $"'kind' must be one of: {string.Join(", ", ActivityType.EvidenceKinds)}."));
            }

            if (string.IsNullOrWhiteSpace(evidence[i]?.Ref) || evidence[i]!.Ref!.Length > 500)
            {
                errors.Add(new($"evidence[{i}].ref", "'ref' (a URL or document id, at most 500 characters) is required."));
            }
        }
    }

    private static void CheckTags(IReadOnlyList<string>? tags, List<FollowUpError> errors)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxItems)
        {
            errors.Add(new("tags", $"At most {MaxItems} tags."));
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Length > 64)
            {
                errors.Add(new($"tags[{i}]", "A tag is 1 to 64 characters."));
            }
        }
    }
}
