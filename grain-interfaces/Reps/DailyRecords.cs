namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// One UTC day of a rep's record-keeping (days since the Unix epoch): activities logged that day, and how many of them
/// had their key fields, evidence, and were logged within 24 hours of happening.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.DailyRecords")]
public sealed record class DailyRecords(long Day, int Activities, int KeyFieldsComplete, int WithEvidence, int OnTime);
