namespace CrmActors.Routing;

/// <summary>Thrown by <see cref="CompiledRuleSet.Create"/> when the rule set or roster is invalid.</summary>
public sealed class RuleSetValidationException : Exception
{
    /// <summary>Creates an exception without errors.</summary>
    public RuleSetValidationException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message and no errors.</summary>
    public RuleSetValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message, a cause and no errors.</summary>
    public RuleSetValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an exception listing the errors found.</summary>
    public RuleSetValidationException(IReadOnlyList<RuleSetError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<RuleSetError> Errors { get; }

    private static string Describe(IReadOnlyList<RuleSetError> errors) =>
        errors is null || errors.Count == 0
            ? "The rule set is invalid."
            : $"The rule set is invalid ({errors.Count} error(s)): " + string.Join("; ", errors);
}
