namespace CrmActors.GrainInterfaces.Tickets;

/// <summary>The lifecycle of a service ticket.</summary>
public enum TicketStatus
{
    /// <summary>Reported, not yet worked.</summary>
    Open = 0,

    /// <summary>Being worked.</summary>
    InProgress = 1,

    /// <summary>Fixed, awaiting confirmation.</summary>
    Resolved = 2,

    /// <summary>Done.</summary>
    Closed = 3,
}
