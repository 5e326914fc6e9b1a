namespace CrmActors.GrainInterfaces.Leads;

/// <summary>Which source gave a lead its province and city, in the order they are tried.</summary>
public static class LocationSources
{
    /// <summary>The form: <c>province</c>/<c>city</c>, else a <c>region</c> that names a province or city.</summary>
    public const string Form = "form";

    /// <summary>The phone: a Chinese landline's area code.</summary>
    public const string Phone = "phone";

    /// <summary>The owner's territory: the first of the owning rep's regions that names a province or city (derived when read).</summary>
    public const string RepTerritory = "rep-territory";
}
