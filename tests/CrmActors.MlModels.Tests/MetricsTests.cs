using CrmActors.MlModels.Evaluation;

namespace CrmActors.MlModels.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Auc_CountsCorrectlyOrderedPairs_TiesHalf()
    {
        // Positives 0.9 and 0.4; negatives 0.4, 0.2: pairs (0.9>0.4), (0.9>0.2), (0.4=0.4 half), (0.4>0.2) = 3.5 of 4.
        Assert.Equal(0.875, Metrics.Auc([0.9, 0.4, 0.4, 0.2], [true, true, false, false]), 9);
        Assert.Equal(0.0, Metrics.Auc([0.1, 0.9], [true, false]), 9);
        Assert.Equal(0.5, Metrics.Auc([0.3, 0.3], [true, true]), 9);
    }

    [Fact]
    public void Scoring_LogLossBrierAndCalibrationBins()
    {
        var m = Metrics.Scoring([0.8, 0.8, 0.1, 0.1], [true, false, false, false]);

        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.2) + (2 * Math.Log(0.9))) / 4, m.LogLoss, 9);
        Assert.Equal((0.04 + 0.64 + 0.01 + 0.01) / 4, m.Brier, 9);
        Assert.Equal(2, m.Bins.Count);
        Assert.Equal((2, 0.8, 0.5), (m.Bins[1].Count, m.Bins[1].MeanPredicted, m.Bins[1].ObservedRate));
        Assert.Equal(((2 * 0.3) + (2 * 0.1)) / 4, m.CalibrationError, 9);
    }

    [Fact]
    public void Ranking_Top1Top3AndPerClass()
    {
        int[] Rank(params int[] first) => [.. first, .. Enumerable.Range(0, ActionCatalogue.Count).Except(first)];
        var m = Metrics.Ranking(
            [Rank(0, 1, 2), Rank(1, 0, 2), Rank(2, 3, 4), Rank(0, 5, 6)],
            [null, null, null, null],
            [0, 0, 4, 6]);

        Assert.Equal(0.25, m.Top1, 9);
        Assert.Equal(1.0, m.Top3, 9);
        Assert.Null(m.LogLoss);
        Assert.Equal((2, 0.5, 0.5), (m.PerClass[0].Support, m.PerClass[0].Precision, m.PerClass[0].Recall));
        Assert.Equal(0.0, m.PerClass[1].Precision);
    }
}

public sealed class AdviceReportTests
{
    [Fact]
    public void Bounds_ThreeSeeds_UseStudentsTWithTwoDegreesOfFreedom()
    {
        var (low, mean, high) = AdviceReport.Bounds([1.0, 2.0, 3.0]);

        Assert.Equal(2.0, mean, 9);
        Assert.Equal(2.0 - (4.303 / Math.Sqrt(3)), low, 9);
        Assert.Equal(2.0 + (4.303 / Math.Sqrt(3)), high, 9);
    }
}
