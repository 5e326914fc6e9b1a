using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// What a fault run found, as plain lines: shown in the test output and, when CRM_FAULT_REPORT_DIR is set (bench/faults.sh
/// sets it), written to a file there for docs/RELIABILITY.md.
/// </summary>
public sealed class FaultReport(string name, ITestOutputHelper output)
{
    public const string DirectoryVariable = "CRM_FAULT_REPORT_DIR";

    private readonly StringBuilder _text = new();

    public void Line(FormattableString line)
    {
        var text = line.ToString(CultureInfo.InvariantCulture);
        _text.AppendLine(text);
        output.WriteLine(text);
    }

    public void Statuses(IReadOnlyDictionary<string, int> statuses) =>
        Line($"answers by status: {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}");

    /// <summary>Writes the report file (also when the run failed: call it before asserting).</summary>
    public async Task SaveAsync()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.txt"), $"# {name} ({DateTimeOffset.UtcNow:u})\n{_text}");
        }
    }
}
