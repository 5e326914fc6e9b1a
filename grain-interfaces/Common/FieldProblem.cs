namespace CrmActors.GrainInterfaces.Common;

/// <summary>One invalid field of a request a grain validated, in the API's spelling (<c>fields.customerWords</c>).</summary>
[GenerateSerializer, Immutable, Alias("crm.FieldProblem")]
public sealed record class FieldProblem(string Field, string Message);
