namespace CrmActors.Bench.Routing;

/// <summary>The working-hours patterns of generated groups.</summary>
internal enum ShiftPattern
{
    /// <summary>Shanghai office hours, weekdays (a few reps in Hong Kong, a few with no hours set).</summary>
    Office,

    /// <summary>Live-stream sales: 10:00-22:00 Shanghai, every day.</summary>
    LongDays,

    /// <summary>Support: day shifts and a night shift (21:00-06:00) in Shanghai.</summary>
    Support,

    /// <summary>Asia-Pacific offices: Tokyo, Singapore, Hong Kong.</summary>
    AsiaPacific,

    /// <summary>Europe and North America: Berlin, Los Angeles.</summary>
    EuropeAmericas,
}
