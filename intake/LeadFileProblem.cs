namespace CrmActors.Intake;

/// <summary>Why a whole import file was refused (see <see cref="LeadFileException"/>).</summary>
public enum LeadFileProblem
{
    /// <summary>The file could not be read as a lead file at all (corrupt workbook, unreadable header).</summary>
    Unreadable,

    /// <summary>The file has no bytes, or no header row.</summary>
    Empty,

    /// <summary>A format this reader does not take, such as an old binary .xls workbook or an HTML page.</summary>
    UnsupportedFormat,

    /// <summary>The text is neither UTF-8, UTF-16 with a byte order mark, nor plausible GB18030.</summary>
    UnrecognizedEncoding,

    /// <summary>The text is UTF-8 that was once mis-read as Windows-1252/Latin-1 and saved again (mojibake).</summary>
    DoubleEncoded,

    /// <summary>The header row lacks a column for a required field (name or phone).</summary>
    MissingColumns,

    /// <summary>The file unpacks to more than the reader takes (see <see cref="LeadFileOptions"/>).</summary>
    TooLarge,
}
