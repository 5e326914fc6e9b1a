namespace CrmActors.Silo.Storage;

/// <summary>What became of one write of a committed batch.</summary>
/// <param name="Applied">True when this write landed; false when the stored version had moved on.</param>
/// <param name="StoredVersion">The row's version after the transaction (null when no row exists).</param>
public readonly record struct WriteOutcome(bool Applied, int? StoredVersion);
