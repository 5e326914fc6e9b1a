namespace CrmActors.GrainInterfaces.Audit;

/// <summary>One audited action: who changed the tenant's configuration or took data out, when, and with what.</summary>
/// <param name="At">When it was done.</param>
/// <param name="UserId">The caller's user id (from the token).</param>
/// <param name="Role">The caller's role.</param>
/// <param name="Action">What kind: <c>config</c>, <c>export</c> or <c>import</c>.</param>
/// <param name="Operation">The API operation, e.g. <c>PUT /api/v1/follow-up/policy</c>.</param>
/// <param name="Status">The HTTP status the caller got.</param>
/// <param name="Detail">The request as JSON (configuration sent, export filters), cut to <see cref="MaxDetailLength"/> characters.</param>
[GenerateSerializer, Immutable, Alias("crm.AuditEntry")]
public sealed record class AuditEntry(DateTimeOffset At, string UserId, string Role, string Action, string Operation, int Status, string? Detail)
{
    /// <summary>The longest detail kept.</summary>
    public const int MaxDetailLength = 16_000;

    /// <summary>The actions audited.</summary>
    public static readonly IReadOnlyList<string> Actions = ["config", "export", "import"];
}

/// <summary>
/// The tenant's audit log (key: the tenant). Entries are appended to the journal (<c>crm_journal</c>, stream
/// <c>audit</c>), so they outlive every silo and are never rewritten.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry.</summary>
    Task RecordAsync(AuditEntry entry);

    /// <summary>The newest entries first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit);
}
