using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.Ctl;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>
/// README's "A quick look", played against the API after the demo tenant is loaded as scripts/run.sh loads it: the
/// example lead is new (not a Duplicate of a demo lead) and goes to the rep, by the rule, that README shows.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReadmeExampleTests(ApiFixture api)
{
    private readonly string _tenant = "demo-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ReadmeExampleLead_AfterTheDemoTenantIsLoaded_IsCreatedAndRoutedAsTheReadmeShows()
    {
        await new DemoTenant(api.Anonymous(), api.Minter, _tenant, TextWriter.Null).LoadAsync(TimeSpan.FromHours(1), CancellationToken.None);
        var owner = RepositoryFiles.ReadmeQuickLookValue("ownerRepId");
        var supervisor = api.As(_tenant, "sup-wang", CrmRoles.Supervisor);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The owner's inbox, watched before the capture: the routed lead arrives there as an event.
        using var stream = await api.As(_tenant, owner, CrmRoles.Rep).GetAsync($"/api/v1/reps/{owner}/inbox/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var inbox = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: ready", await inbox.ReadLineAsync(timeout.Token));

        var created = await supervisor.PostAsync("/api/v1/leads", new StringContent(RepositoryFiles.ReadmeExampleLead(), Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var id = lead.GetProperty("id").GetString()!;
        Assert.Equal(RepositoryFiles.ReadmeQuickLookValue("id"), id);
        Assert.Equal(RepositoryFiles.ReadmeQuickLookValue("intakeOutcome"), lead.GetProperty("intakeOutcome").GetString());
        Assert.Equal(RepositoryFiles.ReadmeQuickLookValue("customerId"), lead.GetProperty("customerId").GetString());
        Assert.Equal(owner, lead.GetProperty("ownerRepId").GetString());
        Assert.Equal(RepositoryFiles.ReadmeQuickLookValue("rule"), lead.GetProperty("routing").GetProperty("ruleId").GetString());
        string? line;
        while ((line = await inbox.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith($"id: lead/{id}", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        var routing = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/routing", timeout.Token);
        Assert.Equal(owner, routing.GetProperty("ownerRepId").GetString());
        Assert.Equal(RepositoryFiles.ReadmeQuickLookValue("ruleId"), routing.GetProperty("ruleId").GetString());
    }
}
