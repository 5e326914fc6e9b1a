namespace CrmActors.GrainInterfaces.Leads;

/// <summary>Where a lead stands. Stages move by what happened, never by a typed name.</summary>
public enum LeadStage
{
    /// <summary>Captured, no owner yet.</summary>
    New = 0,

    /// <summary>Has an owner who has not touched it yet.</summary>
    Assigned = 1,

    /// <summary>The owner made first contact.</summary>
    Contacted = 2,

    /// <summary>Closed as won.</summary>
    Won = 3,

    /// <summary>Closed as lost.</summary>
    Lost = 4,

    /// <summary>Judged red and sent back to marketing with the reason; no owner.</summary>
    Returned = 5,
}
