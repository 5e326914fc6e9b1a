namespace CrmActors.Routing;

/// <summary>One term of a candidate's score: <see cref="Contribution"/> = <see cref="Weight"/> x <see cref="Raw"/>.</summary>
/// <param name="Name">One of <see cref="ScoreComponents"/>.</param>
/// <param name="Raw">How well the rep matches on this term, from 0 to 1.</param>
/// <param name="Weight">The tenant's weight for the term (for urgency, already scaled by the lead's urgency).</param>
/// <param name="Contribution">Weight x raw; the components' contributions add up to the total.</param>
public readonly record struct ScoreComponent(string Name, double Raw, double Weight, double Contribution);
