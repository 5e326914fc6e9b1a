using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Grains.Stats;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Where leads are, through the HTTP API: province and city from the form (Chinese or pinyin), the phone's area code or
/// the owner's territory, with the source named; bad places are 400s naming the field; the stats by region with the
/// leads behind each region, and both as CSV.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RegionsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Manager => api.As(_tenant, "mgr-1", CrmRoles.Manager);

    private Task<int> FlushAsync() =>
        Assert.IsType<InProcessSiloHandle>(api.Cluster.Primary).SiloHost.Services.GetRequiredService<StatsFeed>().FlushAsync();

    private async Task<JsonElement> PostAsync(object body)
    {
        var created = await Manager.PostAsJsonAsync("/api/v1/leads", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (string?, string?, string?) Place(JsonElement lead) =>
        (lead.GetProperty("province").GetString(), lead.GetProperty("city").GetString(), lead.GetProperty("regionSource").GetString());

    [Fact]
    public async Task Create_CityInChinese_IsStoredWithItsProvinceAndTheFormAsSource()
    {
        var created = await PostAsync(new { name = "Dr. Sun", phone = "13900000011", channel = "website_form", city = "深圳" });

        var read = await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{created.GetProperty("id").GetString()}");

        Assert.Equal(("Guangdong", "Shenzhen", "form"), Place(created));
        Assert.Equal(("Guangdong", "Shenzhen", "form"), Place(read));
    }

    [Fact]
    public async Task Create_NoPlaceOnTheFormAndALandline_TheAreaCodeSaysWhere_RegionStaysForRouting()
    {
        var created = await PostAsync(new { name = "Zhang Wei", phone = "010-6512 3456", channel = "website_form", region = "North China" });

        Assert.Equal(("Beijing", "Beijing", "phone"), Place(created));
        Assert.Equal("North China", created.GetProperty("region").GetString());
    }

    [Fact]
    public async Task Get_NoPlaceFromFormOrPhone_TheOwnersTerritorySaysWhere()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-sh", new { displayName = "Li", regions = new[] { "East China", "上海" } })).EnsureSuccessStatusCode();
        var created = await PostAsync(new { name = "Mobile only", phone = "13900000012", channel = "website_form" });
        var id = created.GetProperty("id").GetString();
        Assert.Equal(JsonValueKind.Null, created.GetProperty("province").ValueKind);

        (await Manager.PostAsJsonAsync($"/api/v1/leads/{id}/assignment", new { repId = "rep-sh" })).EnsureSuccessStatusCode();

        Assert.Equal(("Shanghai", "Shanghai", "rep-territory"), Place(await Manager.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}")));
    }

    [Theory]
    [InlineData("Atlantis", null, "province")]
    [InlineData("Zhejiang", "深圳", "city")]
    [InlineData(null, "Jiaxing", "city")]
    public async Task Create_APlaceTheDictionaryRefuses_Is400NamingTheField_AndNothingIsStored(string? province, string? city, string field)
    {
        var refused = await Manager.PostAsJsonAsync("/api/v1/leads", new { name = "Nobody", phone = "13900000013", channel = "website_form", province, city });

        await Problems.AssertFieldErrorsAsync(refused, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Manager.GetAsync("/api/v1/customers/P8613900000013")).StatusCode);
    }

    [Fact]
    public async Task Regions_ProvincesWithCities_DrillDownToTheLeads_AndCsv()
    {
        (await Manager.PutAsJsonAsync("/api/v1/reps/rep-a", new { displayName = "A" })).EnsureSuccessStatusCode();
        var sz = (await PostAsync(new { name = "Shenzhen 1", phone = "13900000021", channel = "website_form", province = "广东", city = "Shenzhen" })).GetProperty("id").GetString();
        await PostAsync(new { name = "Shenzhen 2", phone = "0755-8888 6666", channel = "website_form" });
        await PostAsync(new { name = "Guangzhou", phone = "13900000022", channel = "website_form", city = "广州市" });
        await PostAsync(new { name = "Nowhere", phone = "13900000023", channel = "website_form" });
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{sz}/assignment", new { repId = "rep-a" })).EnsureSuccessStatusCode();
        (await Manager.PostAsJsonAsync($"/api/v1/leads/{sz}/touches", new { kind = "call", note = "first call" })).EnsureSuccessStatusCode();
        await FlushAsync();

        var view = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats/regions");

        var provinces = view.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Equal(["Guangdong", "unknown"], provinces.Select(p => p.GetProperty("total").GetProperty("province").GetString()));
        var gd = provinces[0];
        Assert.Equal(("广东", 3), (gd.GetProperty("total").GetProperty("provinceZh").GetString(), gd.GetProperty("total").GetProperty("leads").GetInt32()));
        Assert.Equal([("Shenzhen", 2), ("Guangzhou", 1)], gd.GetProperty("cities").EnumerateArray().Select(c => (c.GetProperty("city").GetString(), c.GetProperty("leads").GetInt32())));

        var shenzhen = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats/regions/广东/leads?city=深圳");
        Assert.Equal(2, shenzhen.GetProperty("total").GetInt32());
        Assert.Equal(["Shenzhen 2", "Shenzhen 1"], shenzhen.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.StartsWith("Shenzhen (phone)", shenzhen.GetProperty("leads")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await Manager.GetFromJsonAsync<JsonElement>("/api/v1/stats/regions/unknown/leads");
        Assert.Equal("Nowhere", Assert.Single(unknown.GetProperty("leads").EnumerateArray()).GetProperty("name").GetString());

        var csv = await Manager.GetAsync("/api/v1/stats/regions?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Province,ProvinceZh,City,CityZh,Leads,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["Guangdong,广东,,,3", "Guangdong,广东,Shenzhen,深圳,2", "Guangdong,广东,Guangzhou,广州,1", "unknown,,,,1"], lines[1..].Select(l => string.Join(',', l.Split(',')[..5])));
        var leadsCsv = await (await Manager.GetAsync("/api/v1/stats/regions/Guangdong/leads?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(4, leadsCsv.Trim('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task RegionLeads_UnknownProvinceOrCityElsewhereOrBadPaging_Is400NamingTheField()
    {
        await Problems.AssertFieldErrorsAsync(await Manager.GetAsync("/api/v1/stats/regions/Atlantis/leads"), "province");
        await Problems.AssertFieldErrorsAsync(await Manager.GetAsync("/api/v1/stats/regions/Zhejiang/leads?city=Shenzhen"), "city");
        await Problems.AssertFieldErrorsAsync(await Manager.GetAsync("/api/v1/stats/regions/Zhejiang/leads?page=0"), "page");
    }
}
