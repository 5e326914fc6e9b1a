using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmActors.Ctl;
using CrmActors.Database;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Grains.Common;
using CrmActors.Integration.Tests.Database;
using CrmActors.MlModels;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Simulation;
using CrmActors.Silo.Hosting;
using CrmActors.Silo.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace CrmActors.Integration.Tests.Models;

/// <summary>
/// Tenants' own models on MariaDB: the journal in <c>crm_journal</c>, the versions in <c>crm_tenant_models</c>; a silo and
/// the real web API in front of it. Training is kept small (300 simulated leads, a few seconds); time moves by the fake clock.
/// </summary>
public sealed class TenantModelTests : IAsyncLifetime
{
    private const string SigningKey = "test-only-signing-key-0123456789abcdef";
    private const int Minimum = 100;

    /// <summary>The clock of the grains and the reminder service (static: the silo configurator is made by the test cluster).</summary>
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private readonly TokenMinter _minter = new(SigningKey);
    private ThrowawayDatabase _db = null!;
    private TestCluster _cluster = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateThrowawayDatabaseAsync("tmod");
        await new SchemaMigrator(_db.ConnectionString).MigrateAsync(CancellationToken.None);
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties["ConnectionStrings:crm"] = _db.ConnectionString;
        builder.Properties["Models:TenantMinimumClosedLeads"] = Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _api = new ApiFactory(_cluster.Options, _cluster.Primary!.GatewayAddress!.Endpoint!.ToString());
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Api_TenantBelowTheThreshold_IsServedTheStarterLabelled_AndTrainingAndRollbackAreRefused()
    {
        var tenant = NewTenant();
        await JournalAsync(tenant, Simulated(5, 20));
        var admin = As(tenant, "admin-1", CrmRoles.Admin);
        var lead = await LeadWithASignalAsync(admin);

        var advice = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/next-actions");
        var models = await As(tenant, "mgr-1", CrmRoles.Manager).GetFromJsonAsync<JsonElement>("/api/v1/models");
        var score = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}")).GetProperty("score");

        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "current")).Trim();
        Assert.Equal(("model", "starter", shipped, "model"), (Str(advice, "source"), Str(advice, "modelKind"), Str(advice, "modelVersion"), Str(advice, "scoreSource")));
        Assert.Equal(("starter", shipped, 0), (Str(models, "kind"), Str(models, "version"), models.GetProperty("versions").GetArrayLength()));
        Assert.Equal(("starter", shipped, "model"), (Str(score, "modelKind"), Str(score, "modelVersion"), Str(score, "source")));

        var train = await admin.PostAsync("/api/v1/models/train", null);
        Assert.Equal(HttpStatusCode.Conflict, train.StatusCode);
        Assert.Contains($"20 closed leads; a model is trained from {Minimum}", await train.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rollback = await admin.PostAsync("/api/v1/models/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, rollback.StatusCode);
        Assert.Equal("application/problem+json", rollback.Content.Headers.ContentType?.MediaType);

        var bad = await admin.GetAsync("/api/v1/models/v2%20x/report");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("version", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/models/v2-none-0/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(tenant, "rep-a", CrmRoles.Rep).GetAsync("/api/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(tenant, "mgr-1", CrmRoles.Manager).PostAsync("/api/v1/models/train", null)).StatusCode);
    }

    [Fact]
    public async Task Api_EnoughClosedLeads_TrainsATenantModel_ServedLabelled_ReportReadable_RollbackReturnsToTheStarter()
    {
        var tenant = NewTenant();
        // Won where the customer is a hospital or a clinic: the model learns it, the points score cannot see it.
        await JournalAsync(tenant, Simulated(7, 300).Select(l => l with { Won = l.Profile.Industry is "hospital" or "clinic" }));
        var admin = As(tenant, "admin-1", CrmRoles.Admin);

        var started = await admin.PostAsync("/api/v1/models/train", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await ModelGrain(tenant).WaitForTrainingAsync();
        Assert.False(status.Running);
        Assert.Equal((300, 300), (status.ClosedLeads, status.ClosedLeadsAtLastTraining));
        Assert.StartsWith("trained ", status.LastResult, StringComparison.Ordinal);

        var models = await admin.GetFromJsonAsync<JsonElement>("/api/v1/models");
        var version = Str(models, "version")!;
        var heldOut = models.GetProperty("heldOut");
        Assert.Equal("tenant", Str(models, "kind"));
        Assert.StartsWith($"v{LeadFeatures.SchemaVersion}-{tenant}-", version, StringComparison.Ordinal);
        Assert.Equal(300, models.GetProperty("closedLeads").GetInt32());
        Assert.Equal(60, heldOut.GetProperty("heldOutLeads").GetInt32());
        Assert.True(heldOut.GetProperty("scoreFromModel").GetBoolean(), heldOut.ToString());
        Assert.True(heldOut.GetProperty("modelAuc").GetDouble() > heldOut.GetProperty("pointsAuc").GetDouble());
        Assert.Equal(1, models.GetProperty("versions").GetArrayLength());

        var lead = await LeadWithASignalAsync(admin);
        var advice = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/next-actions");
        var score = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}")).GetProperty("score");
        Assert.Equal(("tenant", version, "model"), (Str(advice, "modelKind"), Str(advice, "modelVersion"), Str(advice, "scoreSource")));
        Assert.Equal(heldOut.GetProperty("actionsFromModel").GetBoolean() ? "model" : "rules", Str(advice, "source"));
        Assert.Equal(("tenant", version, "model"), (Str(score, "modelKind"), Str(score, "modelVersion"), Str(score, "source")));

        var report = await admin.GetAsync($"/api/v1/models/{version}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var body = await report.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version, body.GetProperty("manifest").GetProperty("version").GetString());
        // The tenant's concern model, fitted from its own journal, is stored with the version.
        Assert.Equal(6, body.GetProperty("manifest").GetProperty("concerns").GetProperty("concerns").GetArrayLength());
        Assert.Equal(60, body.GetProperty("evaluation").GetProperty("heldOutLeads").GetInt32());

        // More closed leads, a second version; rolling back serves the first, then the starter.
        await JournalAsync(tenant, new SalesSimulator(8).Leads(80, "more").Select(l => l.History with { Won = l.History.Profile.Industry is "hospital" or "clinic" }));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/v1/models/train", null)).StatusCode);
        Assert.Equal(380, (await ModelGrain(tenant).WaitForTrainingAsync()).ClosedLeadsAtLastTraining);
        var second = await admin.GetFromJsonAsync<JsonElement>("/api/v1/models");
        Assert.NotEqual(version, Str(second, "version"));
        Assert.Equal([Str(second, "version"), version], second.GetProperty("versions").EnumerateArray().Select(v => Str(v, "version")));

        var toFirst = await admin.PostAsync("/api/v1/models/rollback", null);
        Assert.Equal(HttpStatusCode.OK, toFirst.StatusCode);
        var first = await toFirst.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("tenant", version), (Str(first, "kind"), Str(first, "version")));
        Assert.Equal(version, Str(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/next-actions"), "modelVersion"));

        var toStarter = await admin.PostAsync("/api/v1/models/rollback", null);
        Assert.Equal(HttpStatusCode.OK, toStarter.StatusCode);
        Assert.Equal("starter", Str(await toStarter.Content.ReadFromJsonAsync<JsonElement>(), "kind"));
        Assert.Equal("starter", Str(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/next-actions"), "modelKind"));
        Assert.Equal(2L, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM crm_tenant_models WHERE tenant = '{tenant}'"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/v1/models/rollback", null)).StatusCode);
    }

    [Fact]
    public async Task Reminder_TenantWhoseModelLosesToThePointsScore_IsServedPointsScores_AndNotRetrainedUntilTheJournalGrows()
    {
        var tenant = NewTenant();
        var model = ModelGrain(tenant);
        // The team's market moved: its older leads were won by industry, its newest by budget. Held out by time, the
        // model (which learned industry) ranks the newest leads worse than the points score (which counts budget).
        var leads = Simulated(42, 300).OrderBy(l => l.Profile.CreatedAt).ToList();
        await JournalAsync(tenant, leads.Select((l, i) => l with { Won = i < 240 ? l.Profile.Industry is "hospital" or "clinic" : l.Profile.BudgetBand >= 2 }));

        // A lead of the tenant closes: the daily check is armed; a day later it counts the journal and trains.
        var closing = await NewLeadAsync(tenant, "closing");
        await closing.RecordOutcomeAsync(new LeadOutcome(false, "budget cut", "rep-li"));
        var checkedStatus = await FlowUntilAsync(model, s => s.LastCheckAt is not null || s.Running);
        Assert.True(checkedStatus.Running || checkedStatus.ClosedLeadsAtLastTraining is not null, checkedStatus.LastResult);
        var status = await model.WaitForTrainingAsync();
        Assert.Equal(301, status.ClosedLeadsAtLastTraining);

        var overview = await model.GetAsync();
        Assert.Equal(ModelKinds.Tenant, overview.Kind);
        Assert.False(overview.Current!.ScoreFromModel, $"AUC {overview.Current.ModelAuc} vs points {overview.Current.PointsAuc}");

        var lead = await NewLeadAsync(tenant, "scored");
        var visited = await lead.ReportSignalAsync(new LeadSignal(LeadSignal.SiteVisit, null, SecondsOnSite: 120, Pages: ["/pricing"], Downloads: 1, ReportedBy: "web-tracker"));
        var advice = await lead.GetNextActionsAsync();

        var score = visited.Score!;
        Assert.Equal((ModelKinds.Tenant, overview.Version, ScoreSources.Points), (score.ModelKind, score.ModelVersion, score.Source));
        Assert.Contains("no better than the points score", score.Reason, StringComparison.Ordinal);
        Assert.Equal((ModelKinds.Tenant, ScoreSources.Points), (advice.ModelKind, advice.ScoreSource));
        Assert.Equal(score.WinProbability, advice.WinProbability);

        // The same journal a day later: not grown by a fifth, so no new training.
        var again = await model.CheckAsync();
        Assert.Equal(301, again.ClosedLeadsAtLastTraining);
        Assert.Contains("the next training follows at 362", again.LastResult, StringComparison.Ordinal);
        Assert.Single((await model.GetAsync()).Versions);
    }

    private static string NewTenant() => "tm" + Guid.NewGuid().ToString("N")[..8];

    private static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static IEnumerable<LeadHistory> Simulated(int seed, int count) => new SalesSimulator(seed).Leads(count).Select(l => l.History);

    private ITenantModelGrain ModelGrain(string tenant) => _cluster.GrainFactory.GetGrain<ITenantModelGrain>(GrainKeys.For(tenant, ITenantModelGrain.Id));

    /// <summary>Moves the clock an hour at a time until the check has run (the reminder fires a day after it was armed).</summary>
    private static async Task<TenantTrainingStatus> FlowUntilAsync(ITenantModelGrain model, Func<TenantTrainingStatus, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var status = await model.WaitForTrainingAsync();
            if (done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < until, "the daily check did not run");
            Clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(20);
        }
    }

    private async Task<ILeadGrain> NewLeadAsync(string tenant, string id)
    {
        var lead = _cluster.GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(tenant, id));
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li", null,
            new LeadQualification("school", null, null, null, 30_000m, 3)));
        return lead;
    }

    private static async Task<string> LeadWithASignalAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/leads", new { name = "Dr. Qian", phone = "13900001111", channel = "website_form" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await admin.PostAsJsonAsync($"/api/v1/leads/{id}/signals", new { kind = "contact", channel = "call", durationSeconds = 60 })).EnsureSuccessStatusCode();
        return id;
    }

    private HttpClient As(string tenant, string user, string role)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _minter.Mint(tenant, user, role, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>Writes the leads' histories to the journal as the lead grain does.</summary>
    private async Task JournalAsync(string tenant, IEnumerable<LeadHistory> leads)
    {
        var journal = new MySqlJournal(_db.ConnectionString);
        foreach (var lead in leads)
        {
            var p = lead.Profile;
            var rows = lead.Interactions.Select((i, n) => new PendingJournalEntry(
                $"{lead.LeadId}/act-{n}", LeadJournalEntry.ActivityEvent, i.At,
                new LeadJournalEntry(p.Industry, p.Channel, p.BudgetBand, p.Quality, p.CreatedAt, "call", i.Action, i.Tags, i.Text, null).ToJson())).ToList();
            if (lead.Won is { } won)
            {
                rows.Add(new PendingJournalEntry($"{lead.LeadId}/outcome", LeadJournalEntry.OutcomeEvent, lead.Interactions[^1].At.AddDays(1),
                    new LeadJournalEntry(p.Industry, p.Channel, p.BudgetBand, p.Quality, p.CreatedAt, null, null, [], string.Empty, won).ToJson()));
            }

            await journal.AppendAsync(tenant, lead.LeadId, rows);
        }
    }

    private sealed class ApiFactory(TestClusterOptions cluster, string gateway) : WebApplicationFactory<CrmActors.WebApi.Errors.GrainReads>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Orleans:ClusterId", cluster.ClusterId);
            builder.UseSetting("Orleans:ServiceId", cluster.ServiceId);
            builder.UseSetting("Orleans:Clustering:ProviderType", "Development");
            builder.UseSetting("Orleans:Clustering:Gateways:0", gateway);
            builder.UseSetting("Auth:SigningKey", SigningKey);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(CrmStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, Clock);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Clock);
            SiloHostingExtensions.ConfigureSilo(siloBuilder, siloBuilder.Configuration);
        }
    }
}
