namespace CrmActors.Intake;

/// <summary>The kind of file a <see cref="LeadFileReader"/> detected from the file's first bytes.</summary>
public enum LeadFileFormat
{
    /// <summary>Delimited text: comma, semicolon or tab separated (CSV/TSV).</summary>
    DelimitedText,

    /// <summary>An Office Open XML workbook (.xlsx); the first worksheet is read.</summary>
    Xlsx,
}
