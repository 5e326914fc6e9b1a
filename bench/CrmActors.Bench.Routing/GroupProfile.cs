namespace CrmActors.Bench.Routing;

/// <summary>How the generator fills one sales group: its size, focus, typical deals and shifts.</summary>
/// <param name="Name">The group name rules target.</param>
/// <param name="Size">How many reps have it as their main group.</param>
/// <param name="Regions">Regions its reps mostly cover.</param>
/// <param name="Industries">Industries its reps mostly know.</param>
/// <param name="Levels">Institution levels its reps mostly sell to.</param>
/// <param name="Products">Products its reps mostly sell.</param>
/// <param name="DealMin">The lower end of a typical rep's deal size (CNY).</param>
/// <param name="Capacity">The typical rep's capacity (open leads).</param>
/// <param name="Shift">When its reps work.</param>
internal sealed record class GroupProfile(
    string Name,
    int Size,
    string[] Regions,
    string[] Industries,
    string[] Levels,
    string[] Products,
    decimal DealMin,
    int Capacity,
    ShiftPattern Shift);
