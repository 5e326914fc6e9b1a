namespace CrmActors.FollowUp.Settlement;

/// <summary>A customer's events of other systems, settled: each order's account, what waits, and the service visits.</summary>
public sealed record class LedgerSettlement(IReadOnlyList<OrderAccount> Orders, IReadOnlyList<WaitingEntry> Waiting, IReadOnlyList<LedgerEntry> Visits);
