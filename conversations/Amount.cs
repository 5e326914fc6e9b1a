namespace CrmActors.Conversations;

/// <summary>A sum of money found in text: a figure or a range, its currency, and where it is in the text.</summary>
/// <param name="Min">The lower end of a range; null for a single figure.</param>
/// <param name="Max">The figure, or the upper end of a range.</param>
/// <param name="Currency">ISO code: CNY unless the text says dollars or euros.</param>
/// <param name="Index">Where the amount starts in the text searched.</param>
/// <param name="Length">Its length there.</param>
public sealed record class Amount(decimal? Min, decimal Max, string Currency, int Index, int Length);
