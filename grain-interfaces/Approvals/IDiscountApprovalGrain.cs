using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Approvals;

/// <summary>
/// A discount approval request on a lead, routed by the tenant's tiers (up to 5% automatic, 5-10% the regional
/// manager, above 10% finance, by default); a waiting approver is reminded, then the request escalates; the history
/// is kept. Key: "{tenant}/{approvalId}".
/// </summary>
public interface IDiscountApprovalGrain : IGrainWithStringKey
{
    /// <summary>Files the request (idempotent): approved at once by an automatic tier, else sent to its approver.</summary>
    Task<ApprovalSnapshot> RequestAsync(DiscountRequest request);

    /// <summary>The request, or null when it does not exist.</summary>
    Task<ApprovalSnapshot?> GetAsync();

    /// <summary>
    /// Approves or rejects with a comment. Only the approver, the one it escalated to, or an admin
    /// (<paramref name="overrideAllowed"/>) may decide; the same decision again changes nothing.
    /// </summary>
    Task<ApprovalSnapshot> DecideAsync(bool approve, string? comment, string by, bool overrideAllowed);
}

/// <summary>A discount asked for a lead.</summary>
[GenerateSerializer, Immutable, Alias("crm.DiscountRequest")]
public sealed record class DiscountRequest(string LeadId, decimal Percent, string Reason, string RequestedBy);

/// <summary>Where a request stands.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for its approver.</summary>
    Pending = 0,

    /// <summary>Approved (by a person or an automatic tier).</summary>
    Approved = 1,

    /// <summary>Rejected.</summary>
    Rejected = 2,
}

/// <summary>A discount request as a reader sees it.</summary>
[GenerateSerializer, Immutable, Alias("crm.ApprovalSnapshot")]
public sealed record class ApprovalSnapshot(
    string Id,
    DiscountRequest Request,
    ApprovalStatus Status,
    int TierIndex,
    string Approver,
    string? EscalatedTo,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Comment,
    IReadOnlyList<LeadEvent> History);
