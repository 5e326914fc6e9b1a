using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>
/// scripts/run.sh stopped by SIGTERM in its longest phase, the build: it stops the build with every process the build
/// started and the MariaDB it started, and exits at once instead of going on to the next phase. The build is a
/// stand-in `dotnet` (first on PATH) that runs until it is killed, so the test knows exactly when it is under way.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("crm-run-sigterm-").FullName;
    private Process? _run;

    public void Dispose()
    {
        // A failed run may leave the script, its MariaDB and the stand-in build behind: all are its descendants.
        if (_run is { HasExited: false })
        {
            _run.Kill(entireProcessTree: true);
            _run.WaitForExit();
        }

        _run?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RunScript_SigtermDuringTheBuild_ExitsAtOnceAndLeavesNoProcessBehind()
    {
        var fakes = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var pids = Path.Combine(_work, "build.pids");
        var dotnet = Path.Combine(fakes, "dotnet");
        await File.WriteAllTextAsync(dotnet, """
            #!/usr/bin/env bash
            # A build that runs, with a child of its own, until it is stopped.
            case "$1" in
              --list-sdks) echo "10.0.100 [/fake]" ;;
              build) sleep 600 & echo "$$ $!" >"$FAKE_BUILD_PIDS"; echo "fake build under way"; wait ;;
              *) echo "unexpected: dotnet $*" >&2; exit 3 ;;
            esac
            """);
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryFiles.Root, "scripts", "run.sh"));
        start.Environment["PATH"] = fakes + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_BUILD_PIDS"] = pids;
        start.Environment["CRM_STATE_DIR"] = Path.Combine(_work, "state");
        start.Environment["CRM_DB_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var underway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var run = new Process { StartInfo = start };
        run.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "fake build under way")
            {
                underway.TrySetResult();
            }
        };
        run.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        run.Start();
        _run = run;
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();

        await Task.WhenAny(underway.Task, run.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(underway.Task.IsCompleted, $"run.sh ended before its build:\n{string.Join('\n', log)}");
        var build = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var mariadb = int.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "state", "mariadb", "mysqld.pid")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(build.Append(mariadb), pid => Assert.True(Running(pid), $"process {pid} should be running before the signal"));
        var signalled = Stopwatch.StartNew();
        Signal(run.Id);
        await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = signalled.Elapsed;
        var errors = string.Join('\n', log);

        Assert.Equal(143, run.ExitCode);
        Assert.True(stopped < TimeSpan.FromSeconds(30), $"run.sh took {stopped} to stop");
        Assert.All(build.Append(mariadb), pid => Assert.False(Running(pid), $"process {pid} outlived run.sh:\n{errors}"));
        Assert.Contains("stopped; data kept in", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("applying the schema", errors, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // A zombie (exited, not yet reaped by its parent) is not running.
    private static bool Running(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Signal(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
