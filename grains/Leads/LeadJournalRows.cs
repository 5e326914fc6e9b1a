using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;

namespace CrmActors.Grains.Leads;

/// <summary>
/// The journal rows a lead's routing leaves: each decision on the lead's stream, each hand-over on the rep's. Written by
/// the lead actor, and by intake when it routes a lead in the capture's own write; the event ids are numbered per lead,
/// so a row sent twice is stored once.
/// </summary>
public static class LeadJournalRows
{
    /// <summary>The journal event of a routing decision.</summary>
    public const string RoutingEvent = "lead.routing";

    private const string HandoverInfix = "/handover/";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>The <paramref name="number"/>th routing decision of lead <paramref name="leadId"/>.</summary>
    public static PendingJournalEntry Routing(string leadId, int number, LeadRoutingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PendingJournalEntry($"{leadId}/routing/{number}", RoutingEvent, record.At, JsonSerializer.Serialize(RoutingPayload.Of(record), PayloadJson));
    }

    /// <summary>
    /// The <paramref name="number"/>th hand-over of lead <paramref name="leadId"/>, on rep <paramref name="repId"/>'s stream;
    /// with the <paramref name="notice"/> it owes the rep when the rep is to take it from this row (intake's hand-over).
    /// </summary>
    public static PendingJournalEntry Handover(string leadId, int number, string repId, DateTimeOffset at, bool? routed = null, InboxItem? notice = null) => new(
        string.Create(CultureInfo.InvariantCulture, $"{leadId}{HandoverInfix}{number}"),
        RepLeadsJournal.HandoverEvent,
        at,
        JsonSerializer.Serialize(new RepLeadsJournal.Handover(leadId, routed, notice), PayloadJson),
        JournalStreams.RepAssignments(repId));

    /// <summary>The lead a hand-over row's event id names (<see cref="Handover"/>); null for any other event id.</summary>
    public static string? LeadOfHandover(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var at = eventId.LastIndexOf(HandoverInfix, StringComparison.Ordinal);
        return at > 0 ? eventId[..at] : null;
    }

    /// <summary>What a hand-over row holds.</summary>
    public static RepLeadsJournal.Handover ReadHandover(PendingJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Deserialize<RepLeadsJournal.Handover>(entry.Payload, PayloadJson)!;
    }

    /// <summary>The decision a routing row holds.</summary>
    public static LeadRoutingRecord ReadRouting(PendingJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Deserialize<RoutingPayload>(entry.Payload, PayloadJson)!.ToRecord();
    }

    /// <summary>The number in a routing row's event id (its order among the lead's decisions).</summary>
    public static int NumberOf(PendingJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return int.Parse(entry.EventId[(entry.EventId.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>A routing decision as its journal row holds it (the explanation embedded as JSON, not as a string).</summary>
    private sealed record class RoutingPayload(
        DateTimeOffset At, string Kind, string RequestedBy, int RuleSetVersion, string? RuleId, string? ChosenRepId, string? UnassignedReason,
        string? PreviousOwnerRepId, [property: JsonConverter(typeof(EmbeddedJson))] string Decision)
    {
        public static RoutingPayload Of(LeadRoutingRecord r) => new(
            r.At, r.Kind, r.RequestedBy, r.RuleSetVersion, r.RuleId, r.ChosenRepId, r.UnassignedReason, r.PreviousOwnerRepId, r.DecisionJson);

        public LeadRoutingRecord ToRecord() => new(At, Kind, RequestedBy, RuleSetVersion, RuleId, ChosenRepId, UnassignedReason, PreviousOwnerRepId, Decision);
    }

    /// <summary>
    /// A JSON document kept as text, written into the payload as it is (the router produced it; parsing it again on the
    /// intake path only to embed it cost more than the rest of the row) and read back as its text.
    /// </summary>
    private sealed class EmbeddedJson : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value, skipInputValidation: true);
    }
}
