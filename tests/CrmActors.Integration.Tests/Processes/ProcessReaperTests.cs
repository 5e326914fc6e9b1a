using System.Diagnostics;
using CrmActors.Integration.Tests.Faults;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// A process a test starts dies with the test process, however that ends: here the "test process" is a stand-in that
/// is killed, as a runner kills a hung test host.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ProcessReaperTests
{
    [Fact]
    public async Task Watch_OwnerKilled_TheProcessAndWhatItStartedAreKilledAndTheCleanUpRuns()
    {
        using var owner = Process.Start("sleep", "600");
        using var child = Start("sleep 600 & echo $! > \"$0\"; wait", out var grandchildFile);
        var marker = Path.Combine(Path.GetTempPath(), $"crm-reaped-{Guid.NewGuid():N}");
        ProcessReaper.Watch(child.Id, $"touch '{marker}'", owner.Id);
        var grandchild = await GrandchildAsync(grandchildFile);

        owner.Kill();

        await UntilAsync(() => !Alive(child.Id) && !Alive(grandchild) && File.Exists(marker), "the child, its own child and the clean-up");
        File.Delete(marker);
    }

    [Fact]
    public async Task Watch_TheProcessEndsFirst_TheWatcherEndsWithoutCleaningUp()
    {
        using var owner = Process.Start("sleep", "600");
        using var child = Process.Start("sleep", "1");
        var marker = Path.Combine(Path.GetTempPath(), $"crm-reaped-{Guid.NewGuid():N}");
        ProcessReaper.Watch(child.Id, $"touch '{marker}'", owner.Id);

        await child.WaitForExitAsync();
        await UntilAsync(() => !WatcherOf(child.Id), "the watcher to end");
        owner.Kill();

        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task PrivateMariaDb_TheTestProcessDiesWithoutDisposingIt_TheServerIsKilledAndItsFolderDeleted()
    {
        using var owner = Process.Start("sleep", "600");
        var database = await PrivateMariaDb.StartAsync(owner.Id);
        var pid = database.Pid;
        var folder = database.Folder;
        Assert.True(Alive(pid));

        owner.Kill();

        await UntilAsync(() => !Alive(pid) && !Directory.Exists(folder), "MariaDB to be killed and its folder deleted");
    }

    private static Process Start(string script, out string file)
    {
        file = Path.Combine(Path.GetTempPath(), $"crm-grandchild-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(file);
        return Process.Start(info)!;
    }

    private static async Task<int> GrandchildAsync(string file)
    {
        await UntilAsync(() => File.Exists(file) && File.ReadAllText(file).Trim().Length > 0, "the grandchild's pid");
        var pid = int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(file);
        return pid;
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static bool WatcherOf(int pid) => Directory.GetDirectories("/proc").Any(d =>
        File.Exists(Path.Combine(d, "cmdline")) && TryRead(Path.Combine(d, "cmdline")) is { } cmd
        && cmd.Contains(ProcessReaper.WatcherName, StringComparison.Ordinal) && cmd.Contains($"kill -0 {pid}", StringComparison.Ordinal));

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
