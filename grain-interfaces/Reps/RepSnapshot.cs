namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// A rep as a reader sees them: profile, open leads, inbox size, the deals won through CrmActors (by kind), and
/// how many leads they were given in the last <c>RepSnapshot.FairnessWindow</c> (routing's fairness input), and their
/// recent data quality (routing's <c>dataQuality</c> input; null when no activity was logged in its window).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RepSnapshot")]
public sealed record class RepSnapshot(
    string Id,
    RepProfile Profile,
    IReadOnlyList<string> OpenLeadIds,
    int InboxCount,
    IReadOnlyList<RepWin>? WonDeals = null,
    int RecentAssignments = 0,
    double? DataQuality = null);
