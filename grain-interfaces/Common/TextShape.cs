namespace CrmActors.GrainInterfaces.Common;

/// <summary>Whether a text field may span lines (<see cref="UnicodeText.Problem"/>).</summary>
public enum TextShape
{
    /// <summary>Names, ids, channels, phones, titles: one line, no tab or line break.</summary>
    SingleLine = 0,

    /// <summary>Notes, summaries, descriptions, comments, reasons: tabs and line breaks are kept.</summary>
    MultiLine = 1,
}
