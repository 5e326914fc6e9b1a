namespace CrmActors.Conversations;

/// <summary>A conversation read into messages.</summary>
/// <param name="Utterances">The messages in order.</param>
/// <param name="Kind">How it was written: <c>call</c> for a call or voice transcript, <c>chat</c> for a chat export.</param>
/// <param name="SkippedLines">Header and separator lines that carried no message (export titles, rules).</param>
public sealed record class Transcript(IReadOnlyList<Utterance> Utterances, string Kind, int SkippedLines)
{
    /// <summary>The speakers in order of first appearance.</summary>
    public IReadOnlyList<string> Speakers => [.. Utterances.Select(u => u.Speaker).Distinct(StringComparer.Ordinal)];
}
