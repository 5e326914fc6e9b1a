namespace CrmActors.Intake;

/// <summary>One physical line of a text file, without its line break; a line over the length limit keeps no text.</summary>
internal readonly record struct TextLine(string Text, bool IsTooLong);
