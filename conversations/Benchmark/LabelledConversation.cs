namespace CrmActors.Conversations.Benchmark;

/// <summary>A conversation written for the benchmark, with the fields a person expects drafted from it.</summary>
/// <param name="Id">Its id (<c>zh-dev-001</c>).</param>
/// <param name="At">When it was posted; lines without a date take this one.</param>
/// <param name="RepSpeaker">Our speaker's name in the text.</param>
/// <param name="Text">The conversation as pasted.</param>
/// <param name="Expected">What should be drafted.</param>
public sealed record class LabelledConversation(string Id, DateTimeOffset At, string RepSpeaker, string Text, ExpectedFields Expected);
