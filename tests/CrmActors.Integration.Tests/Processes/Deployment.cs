using System.Net.Http.Headers;
using CrmActors.Ctl;
using CrmActors.Database;
using CrmActors.Integration.Tests.Database;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// A real deployment for one test: a throwaway MariaDB database with the schema, silos and a web API as
/// separate processes on ADO.NET clustering, storage and reminders, configured only through environment
/// variables, the way ops run it.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    public const string SigningKey = "integration-signing-key-0123456789abcdef";

    private readonly List<HostProcess> _processes = [];
    private readonly List<SiloProcess> _silos = [];
    private readonly ThrowawayDatabase _database;
    private readonly string _clusterId = "it-" + Guid.NewGuid().ToString("N")[..8];

    private Deployment(ThrowawayDatabase database, string? serviceId = null)
    {
        _database = database;
        ServiceId = serviceId ?? _clusterId;
    }

    /// <summary>The Orleans ServiceId every process of this deployment runs with (grain state and reminders are keyed by it).</summary>
    public string ServiceId { get; }

    public string ConnectionString => _database.ConnectionString;

    public TokenMinter Minter { get; } = new(SigningKey);

    /// <summary>Every silo started, in order (killed or stopped ones included).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>A deployment on a throwaway database of the test server, or of <paramref name="serverConnectionString"/>.</summary>
    public static async Task<Deployment> CreateAsync(string? serverConnectionString = null)
    {
        var database = await TestDatabase.CreateThrowawayDatabaseAsync("proc", serverConnectionString);
        await new SchemaMigrator(database.ConnectionString).MigrateAsync(CancellationToken.None);
        return new Deployment(database);
    }

    /// <summary>
    /// A deployment on a new database that <paramref name="restore"/> fills (given its connection string), running as
    /// the service <paramref name="serviceId"/> in a new cluster: the system a backup was taken of, brought back.
    /// </summary>
    public static async Task<Deployment> CreateRestoredAsync(string serviceId, Func<string, Task> restore)
    {
        ArgumentNullException.ThrowIfNull(restore);
        var database = await TestDatabase.CreateThrowawayDatabaseAsync("restored");
        await restore(database.ConnectionString);
        return new Deployment(database, serviceId);
    }

    /// <summary>
    /// Starts a silo process on fresh ports (or on the given ones, to restart "the same" silo), of this checkout's build or
    /// of the build in <paramref name="siloFolder"/> (another version).
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync(SiloPorts? ports = null, IReadOnlyDictionary<string, string>? settings = null, string? siloFolder = null)
    {
        ports ??= new SiloPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var env = Common();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        env["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1";
        env["Orleans__Endpoints__SiloPort"] = ports.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Orleans__Endpoints__GatewayPort"] = ports.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Declare a killed silo dead in a few seconds rather than the production default, to keep tests short.
        env["Orleans__Membership__ProbeTimeout"] = "00:00:02";
        env["Orleans__Membership__NumMissedProbesLimit"] = "2";
        env["Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
        var dll = siloFolder is null ? RepoPaths.Binary("silo", "CrmActors.Silo.dll") : Path.Combine(siloFolder, "bin", RepoPaths.Configuration, "net10.0", "CrmActors.Silo.dll");
        var process = HostProcess.Start($"silo:{ports.SiloPort}", dll, siloFolder ?? Path.Combine(RepoPaths.Root, "silo"), ports.HttpPort, env);
        _processes.Add(process);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(90));
        var silo = new SiloProcess(process, ports);
        _silos.Add(silo);
        return silo;
    }

    public async Task<HostProcess> StartApiAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = Common();
        env["Auth__SigningKey"] = SigningKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = HostProcess.Start("webapi", RepoPaths.Binary("webapi", "CrmActors.WebApi.dll"), Path.Combine(RepoPaths.Root, "webapi"), FreePorts.Next(), env);
        _processes.Add(process);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return process;
    }

    /// <summary>An HTTP client for the API carrying a token.</summary>
    public HttpClient Client(HostProcess api, string tenant, string user, string role)
    {
        var client = new HttpClient { BaseAddress = api.HttpBase, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Minter.Mint(tenant, user, role, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>One number from the deployment's database (row counts for the checks).</summary>
    public async Task<int> CountAsync(string sql)
    {
        await using var connection = new MySqlConnector.MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Everything every process printed, for digging into a failure.</summary>
    public string FullLogs() => string.Join("\n\n", _processes.Select(p => $"--- {p.Name} (pid {p.Pid}) ---\n{p.Log}"));

    public string Logs() => string.Join("\n\n", _processes.Select(p => $"--- {p.Name} (pid {p.Pid}) ---\n{p.Tail(40)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__crm"] = _database.ConnectionString,
        ["Orleans__ClusterId"] = _clusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
    };
}

/// <summary>The three ports of one silo: cluster, gateway and HTTP (health).</summary>
public sealed record class SiloPorts(int SiloPort, int GatewayPort, int HttpPort);

/// <summary>A running silo and the ports it holds.</summary>
public sealed record class SiloProcess(HostProcess Process, SiloPorts Ports);
