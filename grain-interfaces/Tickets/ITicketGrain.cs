namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>A service ticket. Key: "{tenant}/{ticketId}".</summary>
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Opens the ticket against an existing customer of the same tenant.</summary>
    Task<TicketSnapshot> CreateAsync(NewTicket ticket);

    /// <summary>The ticket, or null when it does not exist.</summary>
    Task<TicketSnapshot?> GetAsync();

    /// <summary>
    /// Moves the ticket along its lifecycle: open, in progress, resolved, closed (a resolved ticket may be reopened to
    /// in progress). Any other move is refused naming <c>status</c>; the same status again changes nothing.
    /// </summary>
    Task<TicketSnapshot> ChangeStatusAsync(TicketStatus status, string by, string? note);

    /// <summary>
    /// Flags the ticket as affecting sales with a suggested sales action: the owning rep of the customer's latest open
    /// lead is alerted at once (inbox, and the tenant's alert webhooks) and the coordination clock starts; the first
    /// sales activity on that lead stops it. Idempotent.
    /// </summary>
    Task<TicketSnapshot> FlagAffectsSalesAsync(string suggestedAction, string by);

    /// <summary>The coordination clock stopped: sales logged its first related activity on <paramref name="leadId"/>.</summary>
    [Orleans.Concurrency.OneWay]
    Task CoordinationStoppedAsync(string leadId, DateTimeOffset at);
}
