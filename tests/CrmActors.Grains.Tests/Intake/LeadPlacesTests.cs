using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;

namespace CrmActors.Grains.Tests.Intake;

/// <summary>Where a lead is: form first, then a region that names a place, then the phone; the owner's territory when read.</summary>
public sealed class LeadPlacesTests
{
    private const string Mobile = "+8613800138000";

    [Fact]
    public void Resolve_CityAlone_GivesItsProvinceFromTheForm()
    {
        var location = LeadPlaces.Resolve(null, "深圳", null, Mobile, out var problem);

        Assert.Null(problem);
        Assert.Equal(new LeadLocation("Guangdong", "Shenzhen", LocationSources.Form), location);
    }

    [Fact]
    public void Resolve_ProvinceAndCityInChinese_AreNormalizedToPinyin()
    {
        var location = LeadPlaces.Resolve("广东省", "深圳市", null, Mobile, out var problem);

        Assert.Null(problem);
        Assert.Equal(new LeadLocation("Guangdong", "Shenzhen", LocationSources.Form), location);
    }

    [Fact]
    public void Resolve_FormBeatsThePhone()
    {
        var location = LeadPlaces.Resolve("Zhejiang", null, null, "+861012345678", out _);

        Assert.Equal(new LeadLocation("Zhejiang", null, LocationSources.Form), location);
    }

    [Fact]
    public void Resolve_RegionNamingACity_IsTheFormsPlace()
    {
        var location = LeadPlaces.Resolve(null, null, "Shanghai", Mobile, out _);

        Assert.Equal(new LeadLocation("Shanghai", "Shanghai", LocationSources.Form), location);
    }

    [Fact]
    public void Resolve_NothingOnTheFormAndALandline_IsThePhonesPlace()
    {
        var location = LeadPlaces.Resolve(null, null, "East China", "+8675588886666", out _);

        Assert.Equal(new LeadLocation("Guangdong", "Shenzhen", LocationSources.Phone), location);
    }

    [Fact]
    public void Resolve_NothingOnTheFormAndAMobile_IsUnknown()
    {
        Assert.Null(LeadPlaces.Resolve(null, null, null, Mobile, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_UnknownProvince_NamesProvince()
    {
        Assert.Null(LeadPlaces.Resolve("Atlantis", null, null, Mobile, out var problem));
        Assert.Equal("province", problem?.Field);
    }

    [Fact]
    public void Resolve_CityOutsideTheGivenProvince_NamesCity()
    {
        Assert.Null(LeadPlaces.Resolve("Zhejiang", "Shenzhen", null, Mobile, out var problem));
        Assert.Equal("city", problem?.Field);
        Assert.Contains("Guangdong", problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnlistedCityUnderAKnownProvince_IsKeptAsWritten()
    {
        var location = LeadPlaces.Resolve("浙江", "Jiaxing", null, Mobile, out var problem);

        Assert.Null(problem);
        Assert.Equal(new LeadLocation("Zhejiang", "Jiaxing", LocationSources.Form), location);
    }

    [Fact]
    public void Resolve_UnlistedCityAlone_NamesCity()
    {
        Assert.Null(LeadPlaces.Resolve(null, "Jiaxing", null, Mobile, out var problem));
        Assert.Equal("city", problem?.Field);
    }

    [Fact]
    public void FromTerritory_FirstRegionThatNamesAPlace_IsTheRepsTerritory()
    {
        Assert.Equal(new LeadLocation("Guangdong", "Guangzhou", LocationSources.RepTerritory), LeadPlaces.FromTerritory(["South China", "广州", "Shenzhen"]));
        Assert.Null(LeadPlaces.FromTerritory(["East China"]));
        Assert.Null(LeadPlaces.FromTerritory(null));
    }
}
