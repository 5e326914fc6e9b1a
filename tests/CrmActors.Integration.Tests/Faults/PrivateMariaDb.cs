using System.Diagnostics;
using CrmActors.Integration.Tests.Processes;

namespace CrmActors.Integration.Tests.Faults;

/// <summary>
/// A MariaDB server of the test's own (own data folder and port, started with scripts/lib/mariadb.sh), so the test
/// can stop and restart it without touching the server the other tests share.
/// </summary>
public sealed class PrivateMariaDb : IAsyncDisposable
{
    private const string User = "crmfault";
    private const string Password = "fault-pw-0123";
    private readonly string _directory;
    private readonly int _port;

    private PrivateMariaDb(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public string ServerConnectionString => $"Server=127.0.0.1;Port={_port};User ID={User};Password={Password};Connection Timeout=5";

    /// <summary>The server's data folder.</summary>
    public string Folder => _directory;

    /// <summary>The server's process id (it runs detached from the test: mariadb_start starts it in the background).</summary>
    public int Pid => int.Parse(File.ReadAllText(Path.Combine(_directory, "mysqld.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<PrivateMariaDb> StartAsync(int? ownerPid = null)
    {
        var server = new PrivateMariaDb(Path.Combine(Path.GetTempPath(), "crm-fault-db-" + Guid.NewGuid().ToString("N")[..8]), FreePorts.Next());
        try
        {
            await BashAsync($"mariadb_start '{server._directory}' {server._port}");
            server.WatchOwner(ownerPid);
            await BashAsync($"mariadb_ensure_admin_user '{server._directory}' {User} '{Password}'");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server (SIGTERM, as a restart by ops or the package manager does) and waits until it is gone.</summary>
    public Task StopAsync() => BashAsync($"mariadb_stop '{_directory}'");

    /// <summary>Starts it again on the same folder and port and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        await BashAsync($"mariadb_start '{_directory}' {_port}");
        WatchOwner(null);
    }

    /// <summary>Should the test process die without disposing this, the server is killed and its folder deleted.</summary>
    private void WatchOwner(int? ownerPid) => ProcessReaper.Watch(Pid, $"rm -rf '{_directory}'", ownerPid);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private static async Task BashAsync(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"set -e; source '{RepoPaths.Root}/scripts/lib/common.sh'; source '{RepoPaths.Root}/scripts/lib/mariadb.sh'; {script}");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
