namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>A conversation posted on a lead.</summary>
/// <param name="Text">The chat export or transcript as pasted.</param>
/// <param name="Channel"><c>chat</c> or <c>call</c>; read from the text when null.</param>
/// <param name="RepSpeakers">Our side's speaker names in the text; guessed when empty.</param>
/// <param name="At">When it happened; lines without a date take this day (now when null).</param>
/// <param name="ByUser">Who posted it.</param>
[GenerateSerializer, Immutable, Alias("crm.NewConversation")]
public sealed record class NewConversation(string Text, string? Channel, IReadOnlyList<string> RepSpeakers, DateTimeOffset? At, string ByUser);
