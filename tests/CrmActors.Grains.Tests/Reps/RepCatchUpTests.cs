using System.Diagnostics.Metrics;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using CrmActors.Grains.Reps;
using CrmActors.Grains.Tests.Common;
using CrmActors.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CrmActors.Grains.Tests.Reps;

/// <summary>
/// A rep's periodic read of its assignment stream (RepGrain.Journal.cs): it finds a hand-over whose message never came,
/// and while it reads, the rep keeps taking the leads routed to it. Its own cluster: the journal can hold a read, and
/// the rep's tick runs every second.
/// </summary>
public sealed class RepCatchUpTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private static readonly HeldJournal Journal = new();
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
        Journal.Release();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task PeriodicRead_FindsAHandoverWhoseMessageWasLost_AndTheRepTakesLeadsWhileItReads()
    {
        var data = new TestData(_cluster.GrainFactory);
        var rep = data.Rep("rep-li");
        await rep.SaveProfileAsync(new RepProfile("Li", null, null, 10, true));

        // Intake committed this hand-over with its capture, but its message never reached the rep.
        var lost = LeadJournalRows.Handover("L8613800138001-1", 1, "rep-li", Clock.GetUtcNow(), routed: true);
        await Journal.AppendAsync(data.Tenant, lost.Stream!, [lost]);
        Journal.Hold();
        Clock.Advance(RepGrain.CatchUpEvery + RepGrain.CatchUpMargin);
        await Journal.ReadStarted.WaitAsync(TimeSpan.FromSeconds(10));

        // The read is held; a capture routed to the rep now is taken at once.
        await rep.TakeLeadAsync(new LeadHandover("L8613800138002-1", Routed: true, null, Journaled: true)).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["L8613800138002-1"], (await rep.GetAsync())!.OpenLeadIds);

        Journal.Release();
        var held = await Eventually.MatchAsync(async () => (await rep.GetAsync())!.OpenLeadIds, ids => ids.Count == 2, "the lost hand-over taken");
        Assert.Equal(["L8613800138002-1", "L8613800138001-1"], held);
    }

    [Fact]
    public async Task PeriodicRead_ThatFails_IsCounted_AndTheNextPeriodReadsAgain()
    {
        var data = new TestData(_cluster.GrainFactory);
        var rep = data.Rep("rep-wu");
        await rep.SaveProfileAsync(new RepProfile("Wu", null, null, 10, true));
        var failures = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RepMetrics.MeterName && instrument.Name == RepMetrics.CatchUpFailuresName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();

        var lost = LeadJournalRows.Handover("L8613800138003-1", 1, "rep-wu", Clock.GetUtcNow(), routed: true);
        await Journal.AppendAsync(data.Tenant, lost.Stream!, [lost]);
        Journal.FailNextRead();
        Clock.Advance(RepGrain.CatchUpEvery + RepGrain.CatchUpMargin);
        await Eventually.MatchAsync(() => Task.FromResult(Interlocked.Read(ref failures)), n => n >= 1, "the failed read counted");
        Assert.Empty((await rep.GetAsync())!.OpenLeadIds);

        Clock.Advance(RepGrain.CatchUpEvery + RepGrain.CatchUpMargin);
        var held = await Eventually.MatchAsync(async () => (await rep.GetAsync())!.OpenLeadIds, ids => ids.Count == 1, "the lost hand-over taken a period later");
        Assert.Equal(["L8613800138003-1"], held);
    }

    /// <summary>The in-memory journal, whose reads of rep assignment streams (their keys first) can be held until released.</summary>
    private sealed class HeldJournal : ForwardingJournal
    {
        private volatile TaskCompletionSource _gate = Open();
        private readonly TaskCompletionSource _readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ReadStarted => _readStarted.Task;

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        /// <summary>The next read of a rep's assignment stream fails, as a database error would.</summary>
        public void FailNextRead() => Interlocked.Exchange(ref _failNext, 1);

        private int _failNext;

        public override async Task<IReadOnlyList<JournalKey>> ReadStreamKeysAfterAsync(
            string tenant, string stream, long afterRow, int limit, CancellationToken cancellationToken = default)
        {
            if (stream.StartsWith("rep:", StringComparison.Ordinal) && Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                throw new InvalidOperationException("the journal is unavailable (test)");
            }

            var gate = _gate.Task;
            if (!gate.IsCompleted && stream.StartsWith("rep:", StringComparison.Ordinal))
            {
                _readStarted.TrySetResult();
                await gate;
            }

            return await base.ReadStreamKeysAfterAsync(tenant, stream, afterRow, limit, cancellationToken);
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(CrmStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CrmClock.Key, Clock);
            siloBuilder.Services.AddSingleton<IJournal>(Journal);
            SiloHostingExtensions.ConfigureSilo(siloBuilder, new ConfigurationBuilder().Build());
            siloBuilder.Services.Configure<RepOptions>(o => o.WriteEvery = TimeSpan.FromSeconds(1));
        }
    }
}
