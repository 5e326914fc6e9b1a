namespace CrmActors.Conversations;

/// <summary>The customer's budget as said: a figure or a range, its currency, and the text it came from.</summary>
/// <param name="Min">The lower end of a range; null for a single figure ("80万", "up to 300k").</param>
/// <param name="Max">The figure, or the upper end of a range.</param>
/// <param name="Currency">ISO code (CNY unless the text says otherwise).</param>
/// <param name="Evidence">Where it was said.</param>
public sealed record class ExtractedBudget(decimal? Min, decimal Max, string Currency, Evidence Evidence);
