namespace CrmActors.Routing;

/// <summary>The second person a rule put on the lead.</summary>
/// <param name="Role">The role asked for.</param>
/// <param name="RepId">Who fills it; null when nobody could (see <paramref name="MissingReason"/>).</param>
/// <param name="MissingReason">Why nobody fills the role; null when someone does.</param>
/// <param name="Candidates">For a technical engineer, every engineer considered with their score; empty for a supervisor.</param>
public sealed record class CoAssignment(
    CoAssignRole Role,
    string? RepId,
    string? MissingReason,
    IReadOnlyList<CandidateScore> Candidates);
