namespace CrmActors.Conversations;

/// <summary>A promised or planned date, resolved to a local day against the time of the message it is in.</summary>
/// <param name="Date">The local day.</param>
/// <param name="Phrase">The words that named it ("下周三", "by end of Q1").</param>
/// <param name="Evidence">The message it is in.</param>
public sealed record class ExtractedDate(DateOnly Date, string Phrase, Evidence Evidence);
