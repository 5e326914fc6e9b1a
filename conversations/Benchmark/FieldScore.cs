namespace CrmActors.Conversations.Benchmark;

/// <summary>How one field scored: right answers, wrong or extra answers, and expected answers not given.</summary>
public sealed record class FieldScore(string Field, int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Right answers over all answers given (1 when none was given).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Right answers over all answers expected (1 when none was expected).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}
