using CrmActors.GrainInterfaces.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmActors.WebApi.Errors;

/// <summary>Collects field-level validation errors of one request, keyed by the field's JSON name.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no rule was broken.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds an error for a field.</summary>
    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    /// <summary>The problems a grain found, as field errors.</summary>
    public static FieldErrors From(IEnumerable<CrmActors.GrainInterfaces.Common.FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = new FieldErrors();
        foreach (var problem in problems)
        {
            errors.Add(problem.Field, problem.Message);
        }

        return errors;
    }

    /// <summary>Requires a non-blank value no longer than <paramref name="maxLength"/>.</summary>
    public FieldErrors Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"'{field}' is required.");
        }

        return MaxLength(value, field, maxLength);
    }

    /// <summary>
    /// Checks an optional value's length and that it is text the field may hold (<see cref="UnicodeText.Problem"/>: no
    /// control characters; one line unless <see cref="TextFields"/> says the field spans lines).
    /// </summary>
    public FieldErrors MaxLength(string? value, string field, int maxLength) =>
        value is null ? this
        : value.Length > maxLength ? Add(field, $"'{field}' must be at most {maxLength} characters.")
        : Text(value, field);

    /// <summary>Checks that <paramref name="value"/> is text the field may hold, whatever its length.</summary>
    public FieldErrors Text(string? value, string field) =>
        value is not null && UnicodeText.Problem(value, TextFields.ShapeOf(field)) is { } problem ? Add(field, $"'{field}' {problem}.") : this;

    /// <summary>The errors as the problem-details "errors" member.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A 400 validation problem naming every bad field.</summary>
    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), title: "The request has invalid fields.");
}
