using System.Diagnostics;
using System.Globalization;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// Makes sure a process a test starts never outlives the test process. Disposal stops it when a test ends, passed
/// or failed; what disposal cannot cover is the test process itself dying (a hang killed by the runner's timeout, a
/// crash). For that, each process gets a watcher: a shell detached from the test process (its own session, parented
/// to init) that polls once a second and, once the owner is gone, kills the process and everything it started, then
/// runs an optional clean-up (deleting a database's data folder).
/// </summary>
public static class ProcessReaper
{
    /// <summary>The watcher's name in the process list (scripts/test.sh leaves watchers out of its leftover check).</summary>
    public const string WatcherName = "crm-reaper";

    /// <summary>
    /// Kills <paramref name="pid"/> (with its descendants) and runs <paramref name="cleanup"/> once <paramref name="ownerPid"/>
    /// (default: this process) is gone; the watcher ends quietly when the process ends first.
    /// </summary>
    public static void Watch(int pid, string? cleanup = null, int? ownerPid = null)
    {
        var owner = (ownerPid ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture);
        var child = pid.ToString(CultureInfo.InvariantCulture);
        var watcher = $$"""
            exec </dev/null >/dev/null 2>&1
            tree() { local c; for c in $(ps -o pid= --ppid "$1"); do tree "$c"; done; echo "$1"; }
            while kill -0 {{owner}} && kill -0 {{child}}; do sleep 1; done
            if ! kill -0 {{owner}}; then
              if kill -0 {{child}}; then kill -9 $(tree {{child}}); fi
              {{cleanup ?? ":"}}
            fi
            """;

        // Started through a shell that exits at once, so the watcher is no descendant of this process: killing this
        // process's tree (as a test runner does with a hung test host) leaves the watcher to do its work.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("setsid bash -c \"$1\" " + WatcherName + " </dev/null >/dev/null 2>&1 &");
        info.ArgumentList.Add("launch");
        info.ArgumentList.Add(watcher);
        using var launcher = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        launcher.WaitForExit();
    }
}
