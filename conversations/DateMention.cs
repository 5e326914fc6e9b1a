namespace CrmActors.Conversations;

/// <summary>A date said in a message, resolved to a local calendar day.</summary>
/// <param name="Date">The day it means.</param>
/// <param name="Index">Where the phrase starts in the text searched.</param>
/// <param name="Length">The phrase's length.</param>
public sealed record class DateMention(DateOnly Date, int Index, int Length);
