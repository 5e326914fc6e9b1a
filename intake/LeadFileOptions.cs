namespace CrmActors.Intake;

/// <summary>Limits of <see cref="LeadFileReader"/>; the defaults suit files up to a few hundred MB.</summary>
public sealed record class LeadFileOptions
{
    /// <summary>The defaults.</summary>
    public static LeadFileOptions Default { get; } = new();

    /// <summary>
    /// The most text a workbook's shared string table may hold, in UTF-8 bytes (1 GB). A workbook is compressed,
    /// so a small upload can unpack to far more text than this; past it the file is refused with
    /// <see cref="LeadFileProblem.TooLarge"/> (save it as CSV, or split it).
    /// </summary>
    public long MaxSharedStringBytes { get; init; } = 1L << 30;

    /// <summary>The most strings a workbook's shared string table may hold (16,777,216).</summary>
    public int MaxSharedStrings { get; init; } = 1 << 24;

    /// <summary>
    /// Shared strings up to this much text (4 MB of UTF-8) are kept in memory; a larger table is written to a
    /// temporary file and read back on demand, so memory stays flat whatever the table's size.
    /// </summary>
    public long SharedStringsInMemoryBytes { get; init; } = 4L << 20;
}
