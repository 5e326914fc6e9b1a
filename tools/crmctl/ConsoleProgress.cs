using System.Diagnostics;

namespace CrmActors.Ctl;

/// <summary>Progress of a long command, each line stamped with the seconds since it started.</summary>
public sealed class ConsoleProgress(TextWriter output) : IProgress<string>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Writes one stamped line.</summary>
    public void Report(string value) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {value}");
}
