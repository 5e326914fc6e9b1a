using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// The manager dashboard in headless Chromium against a real silo, web API and MariaDB: leads submitted through the
/// API show up in its numbers and charts and, placed by city, in the regional table whose row opens their leads; injected
/// markup stays text, Chinese works, and the screenshots are not blank.
/// Needs Node.js, tests/browser's packages and Debian's chromium (scripts/test.sh installs them); missing, it fails.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Dashboard_LeadsSubmittedThroughTheApi_MoveItsNumbersAndCharts_AndTheScreenshotsAreNotBlank()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "browser", "dashboard.mjs");
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: apt-get install chromium (scripts/test.sh does).");
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "tests", "browser", "node_modules", "playwright-core")), "Run npm ci in tests/browser (scripts/test.sh does).");

        await using var deployment = await Deployment.CreateAsync();
        await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        var token = deployment.Minter.Mint("acme", "mgr-1", CrmRoles.Manager, TimeSpan.FromHours(1));
        var shots = Path.Combine(Path.GetTempPath(), "crm-dashboard-" + Guid.NewGuid().ToString("N"));

        var (exit, output, errors) = await ProcessRunner.RunAsync("node", [script, "--api", api.HttpBase.ToString(), "--token", token, "--out", shots, "--chromium", chromium], TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, $"the browser script failed ({exit}):\n{errors}\n{output}\n{deployment.Logs()}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(result.GetProperty("before").GetInt32() + 5, result.GetProperty("after").GetInt32());
        Assert.Equal(result.GetProperty("chartBefore").GetDouble() + 5, result.GetProperty("chartAfter").GetDouble());
        Assert.True(result.GetProperty("drillRows").GetInt32() >= 5);
        Assert.True(result.GetProperty("injectedTextShown").GetInt32() >= 1, "the lead names with markup are shown, as text");
        Assert.True(result.GetProperty("injectedTextIsInert").GetBoolean());
        Assert.Equal("实时销售健康度", result.GetProperty("chineseTitle").GetString());
        Assert.Equal(1, result.GetProperty("shenzhenLeads").GetInt32());
        Assert.True(result.GetProperty("regionRows").GetInt32() >= 3, "Guangdong, Shenzhen under it, and the leads placed nowhere");
        Assert.Equal("Shenzhen (form), not touched", Assert.Single(result.GetProperty("regionDrillDetails").EnumerateArray()).GetString());
        Assert.Equal("└ 深圳", result.GetProperty("chineseShenzhen").GetString());
        Assert.True(result.GetProperty("phoneOverflowPx").GetInt32() <= 0, "the page fits a phone's width");
        Assert.Equal(0, result.GetProperty("pageErrors").GetArrayLength());
        foreach (var (name, share) in new[] { ("laptop", result.GetProperty("laptopNonBlank").GetDouble()), ("phone", result.GetProperty("phoneNonBlank").GetDouble()) })
        {
            var file = Path.Combine(shots, $"dashboard-{name}.png");
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to hold a dashboard");
            Assert.True(share > 0.01, $"{file} is blank ({share:P2} of its bytes set)");
        }
    }
}
