using CrmActors.FollowUp.Settlement;

namespace CrmActors.GrainInterfaces.Integration;

/// <summary>
/// An event of another system (ERP, finance, after-sales) for one customer, as stored in the customer's ledger.
/// <paramref name="Source"/>, <paramref name="Kind"/> and <paramref name="Id"/> identify it: the customer stores it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.IntegrationEvent")]
public sealed record class IntegrationEvent(
    string Source,
    LedgerKind Kind,
    string Id,
    string? OrderId,
    string? InvoiceId,
    decimal Amount,
    DateTimeOffset At,
    DateTimeOffset? DueAt,
    string? Number,
    string? Product,
    int? Score,
    string? Note)
{
    /// <summary>The event for the settlement.</summary>
    public LedgerEntry ToEntry() => new(Source, Kind, Id, OrderId, InvoiceId, Amount, At, DueAt, Number, Product, Score, Note);

    /// <summary>True when <paramref name="other"/> is the same event of the same system (its details may differ).</summary>
    public bool SameKey(IntegrationEvent other) =>
        other is not null && Source == other.Source && Kind == other.Kind && Id == other.Id;
}
