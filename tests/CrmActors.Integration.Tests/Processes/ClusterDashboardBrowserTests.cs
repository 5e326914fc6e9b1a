using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// Orleans' cluster dashboard on a real silo and web API, opened in headless Chromium the way ops do: an ops token
/// opens it and it shows the cluster's silo and the grains the API's calls activated; a tenant admin's token is
/// turned away, and without the cookie the dashboard answers 401.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ClusterDashboardBrowserTests
{
    [Fact]
    public async Task ClusterDashboard_OpsToken_ShowsTheSiloAndItsGrains_TenantAdminIsRefused()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "browser", "cluster-dashboard.mjs");
        var chromium = Environment.GetEnvironmentVariable("CRM_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium is missing at {chromium}: apt-get install chromium (scripts/test.sh does).");
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, "acme", "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li" });
        await Api.PostAsync(admin, "api/v1/leads", new { name = "Ms. Huang", phone = "13912345678", channel = "douyin_dm" });
        var ops = deployment.Minter.Mint("cluster", "ops-1", CrmRoles.Ops, TimeSpan.FromHours(1));
        var tenantAdmin = deployment.Minter.Mint("acme", "admin-1", CrmRoles.Admin, TimeSpan.FromHours(1));
        var shots = Path.Combine(Path.GetTempPath(), "crm-cluster-" + Guid.NewGuid().ToString("N"));

        var (exit, output, errors) = await ProcessRunner.RunAsync(
            "node",
            [script, "--api", api.HttpBase.ToString(), "--token", ops, "--refused-token", tenantAdmin, "--out", shots, "--chromium", chromium, "--expect", "ACTIVE SILOS", "--expect-grains", "RepGrain,CustomerGrain"],
            TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, $"the browser script failed ({exit}):\n{errors}\n{output}\n{deployment.Logs()}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Contains("needs the role ops", result.GetProperty("refusedMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("/dashboard/cluster.html", result.GetProperty("refusedUrl").GetString());
        Assert.Equal(401, result.GetProperty("withoutCookieStatus").GetInt32());
        Assert.Equal("/orleans/", result.GetProperty("landedOn").GetString());
        Assert.True(result.GetProperty("cookieHttpOnly").GetBoolean());
        Assert.True(result.GetProperty("found").GetArrayLength() == 1, "the overview did not show the silos:\n" + result.GetProperty("text").GetString());
        Assert.Contains("ACTIVE SILOS\n1\n", result.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("grainsFound").GetArrayLength() == 2, "the grains page did not show the API's grains:\n" + result.GetProperty("grainsText").GetString());
        Assert.Equal(0, result.GetProperty("pageErrors").GetArrayLength());
        Assert.True(new FileInfo(Path.Combine(shots, "cluster-dashboard.png")).Length > 10_000, "the screenshot is too small to hold a dashboard");
    }
}
