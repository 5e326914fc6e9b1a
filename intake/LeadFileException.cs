namespace CrmActors.Intake;

/// <summary>
/// Thrown when a whole import file is refused; the message says what is wrong in words the uploader can act
/// on. Problems confined to one row are reported on that <see cref="ImportRow"/> instead.
/// </summary>
public sealed class LeadFileException : Exception
{
    /// <summary>Creates an exception for an unreadable file.</summary>
    public LeadFileException()
        : this(LeadFileProblem.Unreadable, "The file could not be read.")
    {
    }

    /// <summary>Creates an exception for an unreadable file with the given message.</summary>
    public LeadFileException(string message)
        : this(LeadFileProblem.Unreadable, message)
    {
    }

    /// <summary>Creates an exception for an unreadable file with the given message and cause.</summary>
    public LeadFileException(string message, Exception innerException)
        : this(LeadFileProblem.Unreadable, message, innerException)
    {
    }

    /// <summary>Creates an exception for the given problem.</summary>
    public LeadFileException(LeadFileProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>What kind of problem made the file unusable.</summary>
    public LeadFileProblem Problem { get; }
}
