namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// A tenant's daily health report (key: "{tenant}/daily-report"): a durable reminder at the configured local time
/// on the calendar's report days makes the day's report once, stores it (trends and "two days in a row" survive
/// restarts) and pushes each recipient's part, and the alerts, through the configured notification channel.
/// </summary>
public interface IDailyReportGrain : IGrainWithStringKey
{
    /// <summary>The grain id part of the key.</summary>
    const string Id = "daily-report";

    /// <summary>Stores the configuration and arms the reminder for the next report day.</summary>
    Task<DailyReportSettings> ConfigureAsync(DailyReportConfig config);

    /// <summary>The configuration and the next report's time.</summary>
    Task<DailyReportSettings> GetSettingsAsync();

    /// <summary>The stored report of local day <paramref name="day"/>, or null.</summary>
    Task<DailyReport?> GetAsync(DateOnly day);

    /// <summary>The days with a stored report, newest first.</summary>
    Task<IReadOnlyList<DateOnly>> GetDaysAsync();

    /// <summary>Makes today's (local) report now and pushes it, unless today's is already made (then returns it).</summary>
    Task<DailyReport> RunAsync();
}
