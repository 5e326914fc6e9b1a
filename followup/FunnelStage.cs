namespace CrmActors.FollowUp;

/// <summary>
/// How far a lead got, moved only by the activities logged on it (never typed by hand) and only forward.
/// </summary>
public enum FunnelStage
{
    /// <summary>No activity yet.</summary>
    None = 0,

    /// <summary>Contact made (call, chat, email).</summary>
    Contacted = 1,

    /// <summary>Needs are being clarified, technical questions answered.</summary>
    Qualifying = 2,

    /// <summary>A solution was demonstrated or the customer visited.</summary>
    Demonstrated = 3,

    /// <summary>A quote or proposal was sent.</summary>
    Proposal = 4,

    /// <summary>Objections are being handled after the proposal.</summary>
    Negotiation = 5,
}
