namespace CrmActors.Conversations;

/// <summary>One message of a conversation: who said it, when, and where its text sits in what was posted.</summary>
/// <param name="Speaker">The speaker's name as written (a chat nickname, "Customer", "客户").</param>
/// <param name="At">When it was said: the line's own time, else the last time seen, else the conversation's.</param>
/// <param name="Text">The message text.</param>
/// <param name="Start">The offset of <paramref name="Text"/> in the posted text, so evidence can point back into it.</param>
/// <param name="Line">The 1-based line the message starts on.</param>
/// <param name="SpeakerStart">The offset of the speaker's name in the posted text.</param>
public sealed record class Utterance(string Speaker, DateTimeOffset At, string Text, int Start, int Line, int SpeakerStart);
