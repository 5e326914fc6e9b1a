namespace CrmActors.GrainInterfaces.Intake;

/// <summary>What intake did with a submission.</summary>
public enum IntakeOutcome
{
    /// <summary>A new lead (and, for a new phone, a new customer) was stored.</summary>
    Created = 0,

    /// <summary>The phone belongs to a customer who already has a lead: the submission was recorded on that lead.</summary>
    Duplicate = 1,

    /// <summary>A retry of an earlier submission with the same idempotency key: the first answer, nothing stored again.</summary>
    Replayed = 2,
}
