using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmActors.WebApi.Tests.Repository;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// The API reference page (/scalar/v1) of a self-hosted product: served by the API itself, loading nothing from the
/// internet, and offering none of its vendor's hosted services (client, toolbar, AI chat, MCP, SDKs, telemetry).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ApiReferenceTests(ApiFixture api)
{
    [Fact]
    public async Task ApiReferencePage_ServedConfiguration_TurnsOffTheVendorsHostedServices()
    {
        var html = await PageAsync();

        var config = Configuration(html);

        Assert.False(config.GetProperty("telemetry").GetBoolean());
        Assert.True(config.GetProperty("hideClientButton").GetBoolean());
        Assert.Equal("never", config.GetProperty("showDeveloperTools").GetString());
        Assert.True(config.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(config.GetProperty("mcp").GetProperty("disabled").GetBoolean());
        Assert.False(config.GetProperty("withDefaultFonts").GetBoolean());
        Assert.False(config.TryGetProperty("proxyUrl", out _), "requests from the page go straight to the API, through no proxy");
        Assert.DoesNotContain("scalar.com", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiReferencePage_ScriptsAndDocument_AreServedByTheApiItself()
    {
        var html = await PageAsync();
        var client = api.Anonymous();

        var sources = SourceAttributes().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        var documents = Configuration(html).GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources.Concat(documents), url => Assert.False(Uri.TryCreate(url, UriKind.Absolute, out _), $"{url} is not served by the API"));
        // Scripts are relative to the page; the document's address is relative to the site (as the page's script reads it).
        var fetched = sources.Select(url => new Uri(new Uri("http://localhost/scalar/v1"), url))
            .Concat(documents.Select(url => new Uri(new Uri("http://localhost/"), url)));
        foreach (var url in fetched)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task ApiReferencePage_InHeadlessChromium_ReachesNothingOutsideTheApiAndOffersNoHostedService()
    {
        var script = Path.Combine(RepositoryFiles.Root, "tests", "browser", "api-reference.mjs");
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: apt-get install chromium (scripts/test.sh does).");
        Assert.True(Directory.Exists(Path.Combine(RepositoryFiles.Root, "tests", "browser", "node_modules", "playwright-core")), "Run npm ci in tests/browser (scripts/test.sh does).");
        await using var server = api.CreateApi(new Dictionary<string, string>());
        server.UseKestrel(0);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var (exit, output, errors) = await ProcessRun.RunAsync("node", [script, "--url", address.TrimEnd('/') + "/scalar/v1", "--chromium", chromium], TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, $"the browser script failed ({exit}):\n{errors}\n{output}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("CrmActors API", result.GetProperty("title").GetString());
        Assert.True(result.GetProperty("operations").GetInt32() >= 1);
        Assert.True(result.GetProperty("clientOpened").GetBoolean(), "\"Test Request\" opens the page's own client");
        Assert.Empty(Strings(result.GetProperty("outside")));
        Assert.Empty(Strings(result.GetProperty("shownLabels")));
        // The links to the vendor left are its attribution ("Powered by Scalar", in the sidebar and the request
        // window), which name the project and offer no service.
        Assert.All(
            result.GetProperty("vendorLinks").EnumerateArray(),
            link => Assert.StartsWith("Powered by Scalar", link.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Strings(result.GetProperty("pageErrors")));
    }

    private async Task<string> PageAsync()
    {
        var response = await api.Anonymous().GetAsync(new Uri("/scalar/v1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The configuration object the page hands to the script: the first JSON object after "initialize(".</summary>
    private static JsonElement Configuration(string html)
    {
        var call = html.IndexOf("initialize(", StringComparison.Ordinal);
        Assert.True(call >= 0, "The page does not call initialize(...).");
        var bytes = Encoding.UTF8.GetBytes(html[html.IndexOf('{', call)..]);
        var reader = new Utf8JsonReader(bytes);
        return JsonElement.ParseValue(ref reader);
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.ToString());

    [GeneratedRegex(@"<(?:script|link|img)[^>]+(?:src|href)=""(?<url>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttributes();
}
