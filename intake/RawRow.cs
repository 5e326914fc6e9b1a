namespace CrmActors.Intake;

/// <summary>One non-empty row as a source read it: its cells by column index, or why it could not be read.</summary>
internal readonly record struct RawRow(int RowNumber, IReadOnlyList<string?> Cells, string? Error)
{
    public static RawRow Failed(int rowNumber, string error) => new(rowNumber, [], error);
}
