using System.Globalization;

namespace CrmActors.GrainInterfaces.Reports;

/// <summary>How a report writes its numbers, alike in robot messages, the page and the CSV export.</summary>
public static class ReportFormat
{
    /// <summary>Report days in a row in alarm that alert the responsible managers.</summary>
    public const int AlarmDaysToAlert = 2;

    /// <summary>A value with its unit, e.g. <c>82.5%</c>, <c>95 min</c>, <c>3 leads</c>, <c>0.05/min</c>; <c>-</c> without one.</summary>
    public static string Value(double? value, string unit) => value switch
    {
        null => "-",
        { } v => unit switch
        {
            "percent" => v.ToString("0.#", CultureInfo.InvariantCulture) + "%",
            "minutes" => v.ToString("0.#", CultureInfo.InvariantCulture) + " min",
            "per-minute" => v.ToString("0.##", CultureInfo.InvariantCulture) + "/min",
            _ => v.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit,
        },
    };
}
