namespace CrmActors.Conversations;

/// <summary>A value drafted from a conversation and the text it came from.</summary>
/// <param name="Value">The value (a name, a role, a competitor's canonical name, an objection or next-step category, a need as said).</param>
/// <param name="Evidence">Where it was said.</param>
public sealed record class ExtractedText(string Value, Evidence Evidence);
