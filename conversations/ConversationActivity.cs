using System.Globalization;
using CrmActors.FollowUp;

namespace CrmActors.Conversations;

/// <summary>Maps drafted conversation fields to a typed activity (followup/README.md's activity types).</summary>
public static class ConversationActivity
{
    /// <summary>The local hour a promised date becomes a follow-up at.</summary>
    public static readonly TimeOnly FollowUpTime = new(9, 0);

    /// <summary>The activity field a CNY budget is sent in, whatever the activity's type.</summary>
    public const string BudgetField = "budget";

    /// <summary>Proposes the activity for <paramref name="fields"/>; <paramref name="channel"/> (chat or call) overrides the text's own kind.</summary>
    public static ActivityProposal Propose(ConversationFields fields, string? channel, DateTimeOffset lastMessageAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(zone);
        var kind = channel ?? fields.Kind;
        var type = kind == "call" ? ActivityType.Call : ActivityType.WeChatChat;
        var summary = Summary(fields);
        var filled = new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = summary };
        var contact = Contact(fields);
        if (contact is not null)
        {
            filled["attendees"] = contact;
        }

        if (fields.Objections.Count > 0)
        {
            filled["customerWords"] = string.Join(" / ", fields.Objections.Select(o => o.Evidence.Text).Distinct(StringComparer.Ordinal));
            filled["customerFeedback"] = filled["customerWords"];
        }

        // The lead's opportunity check reads an activity's "budget" field as a plain CNY figure.
        if (fields.Budget is { Currency: "CNY" } budget)
        {
            filled[BudgetField] = budget.Max.ToString("0.##", CultureInfo.InvariantCulture);
        }

        if (fields.Need is not null)
        {
            filled["openQuestions"] = fields.Need.Value;
            filled["products"] = fields.Need.Value;
        }

        var tags = fields.Objections.Select(o => "objection:" + o.Value)
            .Concat(fields.Competitors.Select(c => "competitor:" + c.Value.ToLowerInvariant().Replace(' ', '-')))
            .Take(ActivityValidator.MaxItems).ToList();
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(lastMessageAt, zone).DateTime);
        var next = fields.Dates.Select(d => d.Date).Where(d => d > lastDay).Order().Cast<DateOnly?>().FirstOrDefault();
        return new ActivityProposal(type.Id, filled, summary, tags, next is { } day ? Local(day, zone) : null);
    }

    private static DateTimeOffset Local(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(FollowUpTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string? Contact(ConversationFields fields) => fields.ContactName is null
        ? fields.ContactRole?.Value
        : fields.ContactRole is null ? fields.ContactName.Value : $"{fields.ContactName.Value} ({fields.ContactRole.Value})";

    private static string Summary(ConversationFields fields)
    {
        var parts = new List<string>();
        if (Contact(fields) is { } contact)
        {
            parts.Add($"Spoke with {contact}.");
        }

        if (fields.Need is not null)
        {
            parts.Add($"Need: {fields.Need.Value}.");
        }

        if (fields.Budget is { } b)
        {
            var amount = b.Min is { } min
                ? string.Create(CultureInfo.InvariantCulture, $"{min:#,0}-{b.Max:#,0}")
                : string.Create(CultureInfo.InvariantCulture, $"{b.Max:#,0}");
            parts.Add($"Budget: {amount} {b.Currency} (\"{b.Evidence.Text}\").");
        }

        if (fields.Dates.Count > 0)
        {
            parts.Add("Dates: " + string.Join(", ", fields.Dates.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Date:yyyy-MM-dd} ({d.Phrase})"))) + ".");
        }

        if (fields.Competitors.Count > 0)
        {
            parts.Add("Competitors: " + string.Join(", ", fields.Competitors.Select(c => c.Value)) + ".");
        }

        if (fields.Objections.Count > 0)
        {
            parts.Add("Objections: " + string.Join("; ", fields.Objections.Select(o => $"{o.Value} (\"{o.Evidence.Text}\")")) + ".");
        }

        if (fields.NextStep is not null)
        {
            parts.Add($"Next step: {fields.NextStep.Value} (\"{fields.NextStep.Evidence.Text}\").");
        }

        var summary = parts.Count == 0 ? "Conversation logged; nothing was recognised to draft." : string.Join(" ", parts);
        return summary.Length <= ActivityValidator.MaxFieldLength ? summary : summary[..(ActivityValidator.MaxFieldLength - 1)] + "…";
    }
}
