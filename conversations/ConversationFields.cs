namespace CrmActors.Conversations;

/// <summary>What a conversation says, field by field, each with its evidence; a field not said is null or empty.</summary>
/// <param name="Kind">How it was written: <c>call</c> or <c>chat</c>.</param>
/// <param name="Speakers">Every speaker, in order of appearance.</param>
/// <param name="RepSpeakers">The speakers taken to be our side.</param>
/// <param name="ContactName">Who was spoken to.</param>
/// <param name="ContactRole">Their role or title as stated.</param>
/// <param name="Need">What they need, as they said it.</param>
/// <param name="Budget">Their budget.</param>
/// <param name="Dates">Promised and planned dates, in order of first mention.</param>
/// <param name="Competitors">Other vendors named (canonical names).</param>
/// <param name="Objections">Objections raised: <c>price</c>, <c>timing</c>, <c>authority</c>, <c>incumbent</c>, <c>risk</c>.</param>
/// <param name="NextStep">The agreed next step: <c>demo</c>, <c>quote</c>, <c>visit</c>, <c>meeting</c>, <c>trial</c>, <c>contract</c>, <c>call</c>.</param>
public sealed record class ConversationFields(
    string Kind,
    IReadOnlyList<string> Speakers,
    IReadOnlyList<string> RepSpeakers,
    ExtractedText? ContactName,
    ExtractedText? ContactRole,
    ExtractedText? Need,
    ExtractedBudget? Budget,
    IReadOnlyList<ExtractedDate> Dates,
    IReadOnlyList<ExtractedText> Competitors,
    IReadOnlyList<ExtractedText> Objections,
    ExtractedText? NextStep);
