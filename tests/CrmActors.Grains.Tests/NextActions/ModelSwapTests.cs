using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.Grains.NextActions;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.NextActions;

/// <summary>A cluster whose silo starts with no model: the rule hints answer, then a model is dropped in and served without a restart.</summary>
public sealed class ModelSwapTests : IAsyncLifetime
{
    private static readonly string Root = TinyModels.NewRoot();
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<Configurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public async Task NoModel_RuleHintsAnswerAndSayWhy_ThenANewModelIsServedWithoutARestart()
    {
        var data = new TestData(_cluster.GrainFactory);
        await data.TeamAsync();
        var lead = data.Lead("lead-1");
        await lead.CreateAsync(new NewLead("Dr. Liu", "13800138000", "website_form", "implants", null, null, "Ruijin", "rep-li"));
        await lead.AssignAsync(new AssignLead("rep-li", TimeSpan.FromHours(48), "sup-wang"));
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var logged = await lead.LogActivityAsync(new NewActivity("call", new Dictionary<string, string?> { ["outcome"] = "price again" }, null, ["price-sensitive"], null, null, null, null, "rep-li"));
            Assert.Null(logged.Lead!.Score);
        }

        var rules = await lead.GetNextActionsAsync();

        Assert.Equal(NextActionAdvice.Rules, rules.Source);
        Assert.Null(rules.ModelVersion);
        Assert.Contains("serving the rule hints", rules.FallbackReason, StringComparison.Ordinal);
        var hint = Assert.Single(rules.Actions);
        Assert.Equal(("installment-plan", (double?)null), (hint.Action, hint.Probability));
        Assert.Contains("'price-sensitive' seen 3 times", hint.Reasons);
        var status = await _cluster.GrainFactory.GetGrain<INextActionGrain>(0).GetStatusAsync();
        Assert.False(status.Serving);

        TinyModels.Write(Root, "v-dropped-in");
        Clock.Advance(TimeSpan.FromSeconds(11));

        var advice = await lead.GetNextActionsAsync();
        Assert.Equal(NextActionAdvice.Model, advice.Source);
        Assert.Equal("v-dropped-in", advice.ModelVersion);
        Assert.Equal(3, advice.Actions.Count);
        Assert.All(advice.Actions, a => Assert.NotNull(a.Probability));
        Assert.True((await _cluster.GrainFactory.GetGrain<INextActionGrain>(0).GetStatusAsync()).Serving);
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(CrmStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, Clock);
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());
            siloBuilder.Services.Configure<ModelOptions>(o => o.Directory = Root);
        }
    }
}
