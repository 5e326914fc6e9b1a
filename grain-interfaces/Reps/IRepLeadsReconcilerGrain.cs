namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// Reconciles a rep's open leads with the leads that name the rep as owner: every lead the rep lists is asked, and so
/// is every lead ever handed to the rep (the rep's assignment stream in the journal); leads that name someone else or
/// are closed leave the list, open leads that name the rep join it. Key: "{tenant}".
/// </summary>
public interface IRepLeadsReconcilerGrain : IGrainWithStringKey
{
    /// <summary>Reconciles <paramref name="repId"/>; throws not-found for an unknown rep.</summary>
    Task<RepReconciliation> ReconcileAsync(string repId);
}
