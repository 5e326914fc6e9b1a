using System.Text.Json;

namespace CrmActors.WebApi.Contracts;

/// <summary>A tenant's routing rules: the draft, the published versions, and the live one.</summary>
public sealed record class RoutingRulesResponse(
    JsonElement? Draft,
    DateTimeOffset? DraftSavedAt,
    string? DraftSavedBy,
    int? ActiveVersion,
    IReadOnlyList<RuleSetVersionResponse> Versions);

/// <summary>One published version.</summary>
public sealed record class RuleSetVersionResponse(int Version, DateTimeOffset PublishedAt, string PublishedBy, JsonElement RuleSet);

/// <summary>The body of POST /api/v1/routing/rules/draft/test: sample leads in the routing form, and/or ids of real leads of the tenant.</summary>
public sealed record class TestRulesRequest(IReadOnlyList<JsonElement>? Leads, IReadOnlyList<string>? LeadIds = null);

/// <summary>Where each sample lead would go under the draft, and why.</summary>
public sealed record class TestRulesResponse(IReadOnlyList<JsonElement> Decisions);

/// <summary>The body of POST /api/v1/routing/rules/rollback.</summary>
public sealed record class RollbackRulesRequest(int? Version);
