namespace CrmActors.WebApi.Contracts;

/// <summary>The body of PUT /api/v1/reps/{id}.</summary>
public sealed record class SaveRepRequest(string? DisplayName, string? Email, string? SupervisorId, int? Capacity, bool? Active);

/// <summary>A rep as the API returns them.</summary>
public sealed record class RepResponse(
    string Id,
    string DisplayName,
    string? Email,
    string? SupervisorId,
    int Capacity,
    bool Active,
    IReadOnlyList<string> OpenLeadIds,
    int InboxCount);

/// <summary>An inbox item as the API returns it.</summary>
public sealed record class InboxItemResponse(string Id, string Kind, string Title, string? LeadId, DateTimeOffset CreatedAt);
