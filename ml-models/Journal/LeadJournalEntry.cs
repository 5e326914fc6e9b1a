using System.Text.Json;

namespace CrmActors.MlModels.Journal;

/// <summary>
/// The payload of a lead's journal rows that training reads (<c>crm_journal</c>, stream = lead id): the lead's
/// attributes, then what happened. Written by the lead grain; read back by <see cref="JournalHistories"/>.
/// </summary>
/// <param name="Industry">The customer's industry.</param>
/// <param name="Channel">The intake channel.</param>
/// <param name="BudgetBand">The budget band (<see cref="BudgetBands"/>).</param>
/// <param name="Quality">The qualification quality, 0 when none.</param>
/// <param name="CreatedAt">When the lead was captured.</param>
/// <param name="ActivityType">For an activity: its type.</param>
/// <param name="Action">For an activity: the action it carried out (<see cref="ActionCatalogue.ActionOf"/>).</param>
/// <param name="Tags">Tags and pages.</param>
/// <param name="Text">Summary and field values.</param>
/// <param name="Won">For an outcome: won or lost.</param>
public sealed record class LeadJournalEntry(
    string Industry, string Channel, int BudgetBand, int Quality, DateTimeOffset CreatedAt,
    string? ActivityType, string? Action, IReadOnlyList<string> Tags, string Text, bool? Won)
{
    /// <summary>Event type of an activity row.</summary>
    public const string ActivityEvent = "lead.activity";

    /// <summary>Event type of a customer signal row (site visit, document opened).</summary>
    public const string SignalEvent = "lead.signal";

    /// <summary>Event type of an outcome row.</summary>
    public const string OutcomeEvent = "lead.outcome";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The payload as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored payload, or null when it is not one.</summary>
    public static LeadJournalEntry? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<LeadJournalEntry>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One journal row as read from the database.</summary>
public sealed record class JournalRow(string Stream, string EventType, DateTimeOffset OccurredAt, string Payload);

/// <summary>Turns a tenant's journal rows into lead histories.</summary>
public static class JournalHistories
{
    /// <summary>Groups <paramref name="rows"/> by lead, in time order; rows that are not lead events, or unreadable, are skipped.</summary>
    public static IReadOnlyList<LeadHistory> Build(IEnumerable<JournalRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var leads = new SortedDictionary<string, (LeadProfile? Profile, List<Interaction> Interactions, bool? Won)>(StringComparer.Ordinal);
        foreach (var row in rows.OrderBy(r => r.OccurredAt))
        {
            if (row.EventType is not (LeadJournalEntry.ActivityEvent or LeadJournalEntry.SignalEvent or LeadJournalEntry.OutcomeEvent)
                || LeadJournalEntry.FromJson(row.Payload) is not { } entry)
            {
                continue;
            }

            if (!leads.TryGetValue(row.Stream, out var lead))
            {
                lead = (null, [], null);
            }

            lead.Profile ??= new LeadProfile(entry.Industry, entry.Channel, entry.BudgetBand, entry.Quality, entry.CreatedAt);
            switch (row.EventType)
            {
                case LeadJournalEntry.OutcomeEvent:
                    lead.Won = entry.Won;
                    break;
                case LeadJournalEntry.ActivityEvent:
                    lead.Interactions.Add(new Interaction(row.OccurredAt, entry.Action, entry.Tags ?? [], entry.Text ?? string.Empty));
                    break;
                default:
                    lead.Interactions.Add(new Interaction(row.OccurredAt, null, entry.Tags ?? [], entry.Text ?? string.Empty));
                    break;
            }

            leads[row.Stream] = lead;
        }

        return [.. leads.Where(l => l.Value.Profile is not null).Select(l => new LeadHistory(l.Key, l.Value.Profile!, l.Value.Interactions, l.Value.Won))];
    }
}
