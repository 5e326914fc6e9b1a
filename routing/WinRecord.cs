namespace CrmActors.Routing;

/// <summary>
/// How many deals a rep won of one kind. Any dimension may be null (unknown or "any"). A win counts toward a lead
/// in proportion to how many of the lead's known industry, product and institution level it shares.
/// </summary>
/// <param name="Industry">The customers' industry.</param>
/// <param name="Product">The product sold.</param>
/// <param name="InstitutionLevel">The customers' institution level.</param>
/// <param name="Count">How many such deals were won; not negative.</param>
public sealed record class WinRecord(string? Industry, string? Product, string? InstitutionLevel, int Count);
