namespace CrmActors.WebApi.Contracts;

/// <summary>The body of PUT /api/v1/reps/{id}.</summary>
public sealed record class SaveRepRequest(
    string? DisplayName,
    string? Email,
    string? SupervisorId,
    int? Capacity,
    bool? Active,
    IReadOnlyList<string>? Groups = null,
    IReadOnlyList<string>? Industries = null,
    IReadOnlyList<string>? InstitutionLevels = null,
    IReadOnlyList<string>? Products = null,
    IReadOnlyList<string>? Regions = null,
    IReadOnlyList<string>? Languages = null,
    decimal? DealSizeMin = null,
    decimal? DealSizeMax = null,
    WorkingHoursContract? WorkingHours = null,
    DateTimeOffset? OnLeaveUntil = null,
    IReadOnlyList<RepWinContract>? Wins = null);

/// <summary>Deals of one kind a rep won, and how many: industry, product, institution level (each optional).</summary>
public sealed record class RepWinContract(string? Industry, string? Product, string? InstitutionLevel, int? Count);

/// <summary>
/// A rep's working hours: IANA time zone, "HH:mm" start and end, and days ("Mon".."Sun"; default Mon-Fri, never empty).
/// Left out (null), the rep has no working hours and is always on shift; answers then show null too.
/// </summary>
public sealed record class WorkingHoursContract(string? TimeZone, string? Start, string? End, IReadOnlyList<string>? Days);

/// <summary>
/// A rep as the API returns them; <c>dataQuality</c> is their recent data quality, 0 to 1 (routing's <c>dataQuality</c>
/// input; null until they log an activity on their own lead).
/// </summary>
public sealed record class RepResponse(
    string Id,
    string DisplayName,
    string? Email,
    string? SupervisorId,
    int Capacity,
    bool Active,
    IReadOnlyList<string> OpenLeadIds,
    int InboxCount,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> InstitutionLevels,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    decimal? DealSizeMin,
    decimal? DealSizeMax,
    WorkingHoursContract? WorkingHours,
    DateTimeOffset? OnLeaveUntil,
    IReadOnlyList<RepWinContract> Wins,
    IReadOnlyList<RepWinContract> WonDeals,
    int RecentAssignments,
    double? DataQuality = null);

/// <summary>An inbox item as the API returns it.</summary>
public sealed record class InboxItemResponse(
    string Id, string Kind, string Title, string? LeadId, DateTimeOffset CreatedAt, string Status, DateTimeOffset? StatusAt, string? StatusBy,
    string? Severity = null, string? Detail = null);

/// <summary>The body of POST /api/v1/reps/{id}/inbox/status: an item and the status it moves to (read, acknowledged, completed).</summary>
public sealed record class InboxStatusRequest(string? ItemId, string? Status);

/// <summary>What reconciling a rep's open leads changed: leads dropped (they name someone else or are closed), leads added, and the list now.</summary>
public sealed record class RepReconciliationResponse(string RepId, IReadOnlyList<string> Removed, IReadOnlyList<string> Added, IReadOnlyList<string> OpenLeadIds);
