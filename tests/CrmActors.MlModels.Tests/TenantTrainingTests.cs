using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Tests;

/// <summary>The time split of a tenant's leads, its training into bytes, and loading models back from bytes.</summary>
[Collection(TrainedCollection.Name)]
public sealed class TenantTrainingTests(TrainedFixture fixture)
{
    private static readonly DateTimeOffset Day0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static LeadHistory Lead(string id, int day, bool? won) =>
        new(id, new LeadProfile("school", "website_form", 1, 3, Day0.AddDays(day)), [new Interaction(Day0.AddDays(day).AddHours(2), "call-back", [], string.Empty)], won);

    [Fact]
    public void SplitByTime_HoldsOutTheNewestFifthOfClosedLeads_WithTheOpenLeadsCapturedSince()
    {
        // Ten closed leads captured on days 0..9 (listed out of order), open leads on days 3 and 9.
        List<LeadHistory> leads = [.. Enumerable.Range(0, 10).Reverse().Select(d => Lead($"c{d}", d, d % 2 == 0)), Lead("open-early", 3, null), Lead("open-late", 9, null)];

        var (training, heldOut, from) = TimeSplit.Split(leads);

        Assert.Equal(["c8", "c9", "open-late"], heldOut.Select(l => l.LeadId).Order(StringComparer.Ordinal));
        Assert.Equal(9, training.Count);
        Assert.Contains(training, l => l.LeadId == "open-early");
        Assert.Equal(Day0.AddDays(8), from);
        Assert.True(training.All(l => TimeSplit.CapturedAt(l) <= from));
    }

    [Fact]
    public void SplitByTime_NoClosedLead_HoldsNothingOut()
    {
        var (training, heldOut, _) = TimeSplit.Split([Lead("a", 0, null), Lead("b", 1, null)]);

        Assert.Equal(2, training.Count);
        Assert.Empty(heldOut);
    }

    [Fact]
    public void Train_OnlyLostLeadsAmongTheNewest_IsRefusedWithTheReason()
    {
        var leads = new SalesSimulator(3).Leads(60).Select(l => l.History).OrderBy(l => l.Profile.CreatedAt).Select((l, i) => l with { Won = i < 48 && i % 3 == 0 }).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => TenantTraining.Train("acme", leads));

        Assert.Contains("won and lost leads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_ServesTheModelOnlyWhereItIsAboveItsBaseline()
    {
        var verdict = new TenantModelVerdict(ModelAuc: 0.60, PointsAuc: 0.64, ModelTop1: 0.48, RuleTop1: 0.22);
        var tie = new TenantModelVerdict(ModelAuc: 0.70, PointsAuc: 0.60, ModelTop1: 0.30, RuleTop1: 0.30);

        Assert.False(verdict.ScoreFromModel);
        Assert.Contains("AUC 0.600 vs 0.640", verdict.ScoreFallbackReason("v2-acme-1"), StringComparison.Ordinal);
        Assert.True(verdict.ActionsFromModel);
        Assert.Null(verdict.ActionsFallbackReason("v2-acme-1"));
        Assert.True(tie.ScoreFromModel);
        Assert.False(tie.ActionsFromModel);
    }

    [Fact]
    public void Load_FromBytes_PredictsAsTheSavedDirectory_AndRefusesABadManifest()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest);
        var fromFiles = LoadedModels.Load(dir.Path).CreatePredictor();

        var fromBytes = LoadedModels.Load(
            File.ReadAllText(Path.Combine(dir.Path, ModelManifest.FileName)),
            File.ReadAllBytes(Path.Combine(dir.Path, ModelManifest.NextActionFile)),
            File.ReadAllBytes(Path.Combine(dir.Path, ModelManifest.ScoringFile)),
            File.ReadAllBytes(Path.Combine(dir.Path, ModelManifest.PracticeFile)));

        var row = fixture.HeldOutRows[0];
        Assert.Equal(fixture.Manifest, fromBytes.Manifest);
        Assert.Equal(fromFiles.WinProbability(row), fromBytes.CreatePredictor().WinProbability(row));
        Assert.Equal(fromFiles.ActionProbabilities(row), fromBytes.CreatePredictor().ActionProbabilities(row));
        Assert.Throws<ModelUnavailableException>(() => LoadedModels.Load("{", [], [], []));
    }
}
