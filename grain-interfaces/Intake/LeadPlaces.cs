using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// Finds a lead's province and city at intake: from the form's <c>province</c>/<c>city</c> (validated against
/// <see cref="ChinaRegions"/>), else from a form <c>region</c> that names a place, else from the phone's area code;
/// and, when read, from the owning rep's territory (<see cref="FromTerritory"/>).
/// </summary>
public static class LeadPlaces
{
    /// <summary>
    /// The lead's location, or null when nothing names a place; <paramref name="problem"/> names the field when the form
    /// gave a province or city the dictionary does not know, or a city outside the given province.
    /// </summary>
    public static LeadLocation? Resolve(string? province, string? city, string? region, string? phone, out (string Field, string Message)? problem)
    {
        problem = null;
        var givenProvince = !string.IsNullOrWhiteSpace(province);
        var givenCity = !string.IsNullOrWhiteSpace(city);
        ChinaPlace? p = null;
        if (givenProvince && (p = ChinaRegions.Province(province)) is null)
        {
            problem = ("province", $"'{province!.Trim()}' is not a province, municipality or region of China; write it in Chinese or pinyin, e.g. 广东 or Guangdong.");
            return null;
        }

        if (givenCity)
        {
            if (ChinaRegions.City(city) is not { } c)
            {
                // A city the dictionary does not list is kept as written under a known province; alone it names nothing.
                return p is null
                    ? Invalid(out problem, "city", $"'{city!.Trim()}' is not a city the region dictionary knows; give its province too (e.g. \"province\": \"Guangdong\").")
                    : new LeadLocation(p.Province, city!.Trim(), LocationSources.Form);
            }

            if (p is not null && p.Province != c.Province)
            {
                problem = ("city", $"'{city!.Trim()}' is in {c.Province}, not in {p.Province}.");
                return null;
            }

            return new LeadLocation(c.Province, c.City, LocationSources.Form);
        }

        if (p is not null)
        {
            return new LeadLocation(p.Province, null, LocationSources.Form);
        }

        if (ChinaRegions.Place(region) is { } named)
        {
            return new LeadLocation(named.Province, named.City, LocationSources.Form);
        }

        return ChinaRegions.FromPhone(phone) is { } dialled ? new LeadLocation(dialled.Province, dialled.City, LocationSources.Phone) : null;
    }

    /// <summary>The first of a rep's regions that names a province or city, as a location from their territory; null when none does.</summary>
    public static LeadLocation? FromTerritory(IEnumerable<string>? regions)
    {
        foreach (var region in regions ?? [])
        {
            if (ChinaRegions.Place(region) is { } place)
            {
                return new LeadLocation(place.Province, place.City, LocationSources.RepTerritory);
            }
        }

        return null;
    }

    private static LeadLocation? Invalid(out (string Field, string Message)? problem, string field, string message)
    {
        problem = (field, message);
        return null;
    }
}
