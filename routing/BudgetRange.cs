namespace CrmActors.Routing;

/// <summary>An inclusive range of budgets in CNY.</summary>
/// <param name="Min">The smallest budget in the range.</param>
/// <param name="Max">The largest budget in the range; not below <paramref name="Min"/>.</param>
public sealed record class BudgetRange(decimal Min, decimal Max);
