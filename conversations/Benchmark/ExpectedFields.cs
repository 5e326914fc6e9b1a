namespace CrmActors.Conversations.Benchmark;

/// <summary>The labels of one conversation (see conversations/Labelled/README.md for what each means).</summary>
public sealed record class ExpectedFields(
    string? Name,
    string? Role,
    string? Need,
    decimal? BudgetMin,
    decimal? BudgetMax,
    string? Currency,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<string> Competitors,
    IReadOnlyList<string> Objections,
    string? Next);
