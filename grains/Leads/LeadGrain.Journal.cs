using System.Globalization;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels;
using CrmActors.MlModels.Journal;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>
/// The lead's journal rows: activities, customer signals and the outcome, with the lead's attributes, as training
/// reads them (ml-models' <see cref="LeadJournalEntry"/>). A row is queued in the state with the change that caused
/// it and sent after the write; a failed send is retried by the lead's wake-up, and a row sent twice is stored once.
/// </summary>
public sealed partial class LeadGrain
{
    private static readonly TimeSpan JournalRetry = TimeSpan.FromMinutes(1);

    private void QueueJournal(string eventType, string eventId, DateTimeOffset at, string? activityType, string? action, IReadOnlyList<string> tags, string text, bool? won = null)
    {
        var profile = ProfileOf();
        var entry = new LeadJournalEntry(profile.Industry, profile.Channel, profile.BudgetBand, profile.Quality, profile.CreatedAt, activityType, action, tags, text, won);
        S.Journal.Add(new PendingJournalEntry($"{LeadId}/{eventId}", eventType, at, entry.ToJson()));
    }

    private void QueueActivityJournal(LeadActivity activity) => QueueJournal(
        LeadJournalEntry.ActivityEvent, activity.Id, activity.At, activity.Type, ActionCatalogue.ActionOf(activity.Type, activity.Tags), activity.Tags, TextOf(activity));

    /// <summary>The lead's attributes as the models read them (the journal and the live advice alike).</summary>
    private LeadProfile ProfileOf()
    {
        var qualification = S.Captured!.Qualification;
        return LeadModelProfile.Of(qualification?.Industry, S.Captured.Channel, qualification?.Budget, qualification?.Quality, S.CreatedAt);
    }

    /// <summary>The words of an activity, as phrase features and hint rules read them.</summary>
    private static string TextOf(LeadActivity activity) => string.Join(' ', activity.Fields.Values.Prepend(activity.Summary ?? string.Empty));

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends the journal rows owed, each to its stream; on failure they stay owed with a retry time.</summary>
    private async Task<bool> SendJournalAsync()
    {
        if (S.Journal.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var stream in S.Journal.GroupBy(e => e.Stream ?? LeadId, StringComparer.Ordinal))
            {
                await journal.AppendAsync(Tenant, stream.Key, [.. stream]);
            }

            S.Journal.Clear();
            S.JournalRetryAt = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogJournalFailed(logger, ex, this.GetPrimaryKeyString(), S.Journal.Count);
            S.JournalRetryAt = clock.GetUtcNow() + JournalRetry;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {Lead}: journal send failed ({Pending} row(s) owed); retried by the lead's wake-up")]
    private static partial void LogJournalFailed(ILogger logger, Exception ex, string lead, int pending);
}
