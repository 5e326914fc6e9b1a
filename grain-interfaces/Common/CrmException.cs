namespace CrmActors.GrainInterfaces.Common;

/// <summary>
/// A refusal from a grain that the caller can act on. It crosses the Orleans wire intact, so the web
/// API turns it into a problem-details response naming the field.
/// </summary>
[GenerateSerializer, Alias("crm.CrmException")]
public sealed class CrmException : Exception
{
    /// <summary>Creates a refusal.</summary>
    public CrmException(CrmErrorCode code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Parameterless constructor for serialization.</summary>
    public CrmException()
    {
    }

    /// <summary>Creates a refusal with a message only.</summary>
    public CrmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a refusal wrapping a cause.</summary>
    public CrmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The kind of refusal.</summary>
    [Id(0)]
    public CrmErrorCode Code { get; init; }

    /// <summary>The request field at fault, in the API's camelCase spelling, when one is.</summary>
    [Id(1)]
    public string? Field { get; init; }

    /// <summary>A not-found refusal for an entity.</summary>
    public static CrmException NotFound(string what, string id, string? field = null) =>
        new(CrmErrorCode.NotFound, $"{what} '{id}' does not exist.", field);

    /// <summary>A validation refusal naming the field.</summary>
    public static CrmException Invalid(string field, string message) =>
        new(CrmErrorCode.Validation, message, field);
}
