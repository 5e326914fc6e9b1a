using System.Diagnostics;

namespace CrmActors.WebApi.Tests;

/// <summary>Runs a program to its end for a test: exit code, standard output and standard error.</summary>
public static class ProcessRun
{
    /// <summary>Runs <paramref name="file"/>; killed (and the test failed) after <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(
        string file, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // A null value removes the variable the test process would otherwise pass on.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} ran longer than {timeout}: {await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
