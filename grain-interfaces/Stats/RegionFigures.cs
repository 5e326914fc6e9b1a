namespace CrmActors.GrainInterfaces.Stats;

/// <summary>
/// One region's figures (a province, or a city under it; <paramref name="Province"/> is <c>unknown</c> for leads no
/// source placed) over the leads captured in the window or still open: how many, the median first response and the
/// share touched within 48 h (as the dashboard's metrics define them, with the state their thresholds give), conversion
/// (won / leads captured in the window, percent), and the open leads in alarm (overdue or escalated).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RegionFigures")]
public sealed record class RegionFigures(
    string Province,
    string? ProvinceZh,
    string? City,
    string? CityZh,
    int Leads,
    double? FirstResponseMedianMinutes,
    string FirstResponseState,
    double? TouchedWithin48hRate,
    string TouchedWithin48hState,
    int Won,
    double? ConversionRate,
    int Overdue,
    int Escalated,
    int Alarms);
