namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// A place in China as the region dictionary knows it: the province-level division (province, municipality,
/// autonomous region or special administrative region) and, when known, the city, each by its pinyin/English name
/// (the canonical form stored on leads) and its Chinese name.
/// </summary>
public sealed record class ChinaPlace(string Province, string ProvinceZh, string? City = null, string? CityZh = null);
