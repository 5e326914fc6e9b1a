namespace CrmActors.Routing;

/// <summary>A lead field, resolved from its name in <see cref="RuleFields"/>.</summary>
internal enum FieldId
{
    Channel,
    Industry,
    Region,
    InstitutionLevel,
    Product,
    Language,
    Budget,
    Quality,
    Note,
}
