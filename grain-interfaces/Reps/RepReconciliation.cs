namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// What reconciling a rep's open leads with the leads that name the rep as owner changed: leads dropped (they name
/// someone else, or are closed or returned) and leads added (they name the rep but the rep did not list them).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RepReconciliation")]
public sealed record class RepReconciliation(IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<string> OpenLeadIds);
