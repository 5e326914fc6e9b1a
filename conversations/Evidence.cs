namespace CrmActors.Conversations;

/// <summary>The text a field came from: the words, where they are in what was posted, who said them and when.</summary>
/// <param name="Text">The clause or phrase, as written.</param>
/// <param name="Start">Its offset in the posted text.</param>
/// <param name="Length">Its length.</param>
/// <param name="Speaker">Who said it.</param>
/// <param name="At">When it was said.</param>
public sealed record class Evidence(string Text, int Start, int Length, string Speaker, DateTimeOffset At)
{
    /// <summary>The evidence for a part of an utterance.</summary>
    public static Evidence Of(Utterance utterance, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        return new(utterance.Text.Substring(start, length), utterance.Start + start, length, utterance.Speaker, utterance.At);
    }
}
