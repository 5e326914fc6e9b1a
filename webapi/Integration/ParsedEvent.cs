using CrmActors.GrainInterfaces.Integration;
using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Integration;

/// <summary>
/// One event as read from a request (its kind and id as sent): the event and how it names its customer (our id, or
/// null while only the source's <paramref name="CustomerRef"/> names it), or the errors that refuse it.
/// </summary>
public sealed record class ParsedEvent(string? Kind, string? Id, IntegrationEvent? Event, string? CustomerId, string? CustomerField, FieldErrors Errors, string? CustomerRef = null);
