namespace CrmActors.FollowUp.Settlement;

/// <summary>An event kept until what it refers to arrives (a payment before its order, say), and what it waits for.</summary>
public sealed record class WaitingEntry(LedgerEntry Entry, string WaitingFor);
