using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.WebApi.Tests.Repository;

namespace CrmActors.WebApi.Tests;

/// <summary>scripts/token.sh: a token from the state folder's secrets in a blink, accepted by the API like crmctl's.</summary>
[Collection(ApiCollection.Name)]
public sealed class TokenScriptTests(ApiFixture api) : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("crm-token-").FullName;
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task TokenScript_SecretsOfTheStateFolder_MintsATokenTheApiAccepts()
    {
        await File.WriteAllTextAsync(Path.Combine(_state, "secrets.env"), $"CRM_DB_PASSWORD=unused\nCRM_JWT_SIGNING_KEY={ApiFixture.SigningKey}\n");

        var (exit, output, errors) = await TokenScriptAsync("--tenant", _tenant, "--user", "mgr-1", "--role", CrmRoles.Manager);

        Assert.True(exit == 0, errors);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
        var response = await client.GetAsync(new Uri("/api/v1/reps", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokenScript_Claims_AreThoseOfCrmctlToken()
    {
        await File.WriteAllTextAsync(Path.Combine(_state, "secrets.env"), $"CRM_JWT_SIGNING_KEY={ApiFixture.SigningKey}\n");

        var (exit, output, errors) = await TokenScriptAsync("--user", "rep-li", "--role", CrmRoles.Rep, "--hours", "2");

        Assert.True(exit == 0, errors);
        var script = Payload(output.Trim());
        var crmctl = Payload(api.Minter.Mint("demo", "rep-li", CrmRoles.Rep, TimeSpan.FromHours(2)));
        string[] times = ["iat", "nbf", "exp"];
        Assert.Equal(crmctl.Keys.Order(), script.Keys.Order());
        Assert.All(crmctl.Keys.Except(times), claim => Assert.Equal(crmctl[claim].ToString(), script[claim].ToString()));
        Assert.Equal(2 * 3600, script["exp"].GetInt64() - script["iat"].GetInt64());
        Assert.Equal(script["iat"].GetInt64(), script["nbf"].GetInt64());
    }

    [Fact]
    public async Task TokenScript_NoSecretsFile_FailsAndSaysHowToGetOne()
    {
        var (exit, output, errors) = await TokenScriptAsync("--user", "rep-li", "--role", CrmRoles.Rep);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(Path.Combine(_state, "secrets.env"), errors, StringComparison.Ordinal);
        Assert.Contains("scripts/run.sh", errors, StringComparison.Ordinal);
        Assert.Contains("CRM_STATE_DIR", errors, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output, string Errors)> TokenScriptAsync(params string[] arguments) =>
        ProcessRun.RunAsync(
            "bash",
            [Path.Combine(RepositoryFiles.Root, "scripts", "token.sh"), .. arguments],
            TimeSpan.FromSeconds(30),
            new Dictionary<string, string?> { ["CRM_STATE_DIR"] = _state, ["CRM_JWT_SIGNING_KEY"] = null });

    private static Dictionary<string, JsonElement> Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
    }
}
