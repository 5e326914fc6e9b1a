namespace CrmActors.GrainInterfaces.Leads;

/// <summary>
/// A pending deadline on a lead, beside its first touch: it fires once at <paramref name="DueAt"/> unless the
/// action it waits for cancels it first.
/// </summary>
/// <param name="Id">Unique on the lead; names the inbox items it creates, so a repeated firing delivers nothing twice.</param>
/// <param name="Kind">One of the kind constants.</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="Ref">What it waits on: the activity id of a promise or follow-up, the contact of a 3-minute rule, the step index of an escalation.</param>
/// <param name="Detail">The text the reminder carries (a contact's pre-filled summary).</param>
[GenerateSerializer, Immutable, Alias("crm.LeadDeadline")]
public sealed record class LeadDeadline(string Id, string Kind, DateTimeOffset DueAt, string? Ref = null, string? Detail = null)
{
    /// <summary>An escalation step (remind, copy supervisor, reassign, flag) after days without activity.</summary>
    public const string Escalation = "escalation";

    /// <summary>The "next follow-up at" a rep promised.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>A sent proposal not opened in time: nudge the rep.</summary>
    public const string PromiseNotOpened = "promise-not-opened";

    /// <summary>A sent proposal not read in time: red on the supervisor's board.</summary>
    public const string PromiseNotRead = "promise-not-read";

    /// <summary>A contact with nothing logged within minutes (the 3-minute rule).</summary>
    public const string ContactLog = "contact-log";

    /// <summary>The customer has had no new activity for the tenant's silence days: a to-do for the owner and the supervisor.</summary>
    public const string CustomerSilence = "customer-silence";

    /// <summary>A red lead due back to marketing.</summary>
    public const string ReturnToMarketing = "return-to-marketing";
}
