namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// An activity a rep logged on one of their leads, as their record-keeping counts it: when it happened and when it was
/// logged, whether the record's key fields were given (a summary and the next step) and whether evidence was attached.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ActivityRecord")]
public sealed record class ActivityRecord(string LeadId, string ActivityId, DateTimeOffset At, DateTimeOffset LoggedAt, bool KeyFieldsComplete, bool HasEvidence);
