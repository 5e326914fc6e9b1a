namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// Something an integration reports about a lead rather than a rep logging it: a call or chat took place
/// (<see cref="Contact"/>), the customer visited the site (<see cref="SiteVisit"/>), opened or read a document
/// sent to them (<see cref="DocumentOpened"/>, <see cref="DocumentRead"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LeadSignal")]
public sealed record class LeadSignal(
    string Kind,
    DateTimeOffset? At,
    string? Channel = null,
    int? DurationSeconds = null,
    string? Summary = null,
    int? SecondsOnSite = null,
    IReadOnlyList<string>? Pages = null,
    int? Downloads = null,
    string? ActivityId = null,
    string ReportedBy = "integration")
{
    /// <summary>A call or chat with the customer took place (starts the 3-minute rule).</summary>
    public const string Contact = "contact";

    /// <summary>The customer browsed the site (feeds the quality light and page hints).</summary>
    public const string SiteVisit = "site-visit";

    /// <summary>The customer opened a document a quote-sent activity promised.</summary>
    public const string DocumentOpened = "document-opened";

    /// <summary>The customer read it.</summary>
    public const string DocumentRead = "document-read";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Contact, SiteVisit, DocumentOpened, DocumentRead];

    /// <summary>The channels a contact can be on.</summary>
    public static IReadOnlyList<string> ContactChannels { get; } = ["call", "wechat", "chat", "meeting"];
}
