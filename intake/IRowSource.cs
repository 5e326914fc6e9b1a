namespace CrmActors.Intake;

/// <summary>
/// Reads the rows of one file format, skipping rows whose cells are all blank. The first row read is the
/// header; a source may check later rows against it (a delimited row must have as many cells).
/// </summary>
internal interface IRowSource : IDisposable
{
    /// <summary>Reads the next non-blank row, or returns null at the end of the file.</summary>
    ValueTask<RawRow?> ReadRowAsync(CancellationToken cancellationToken);
}
