namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>A service ticket. Key: "{tenant}/{ticketId}".</summary>
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Opens the ticket against an existing customer of the same tenant.</summary>
    Task<TicketSnapshot> CreateAsync(NewTicket ticket);

    /// <summary>The ticket, or null when it does not exist.</summary>
    Task<TicketSnapshot?> GetAsync();
}
