using System.Diagnostics;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>Runs a tool the tests need (git, dotnet, node) to its end; what it starts is stopped with the test host (<see cref="ProcessReaper"/>).</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>): exit code, standard output and error.</summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        ProcessReaper.Watch(process.Id);
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
