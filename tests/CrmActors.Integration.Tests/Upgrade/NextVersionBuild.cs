using CrmActors.Database;
using CrmActors.Integration.Tests.Processes;

namespace CrmActors.Integration.Tests.Upgrade;

/// <summary>
/// "Version N+1" of the silo, made by the test: the checkout's sources copied aside, with the grain state of leads and
/// customers changed the three ways a release changes state (a field added, one renamed, a default changed), then built.
/// Version N is the checkout's own build. Built once per test run, in under a minute; in a full run
/// (<see cref="EarlyVariable"/>, set by scripts/test.sh) it starts with the process tests at the lowest CPU priority, so it
/// is built in the time they leave the CPU idle (waiting out a deadline, a database restart) rather than while the
/// upgrade test waits for it.
/// </summary>
public static class NextVersionBuild
{
    /// <summary>When "1", <see cref="StartEarly"/> starts the build; unset, it is built when the upgrade test first asks.</summary>
    public const string EarlyVariable = "CRM_NEXT_VERSION_EARLY";

    private static readonly Lock Gate = new();
    private static Task<string>? _build;

    /// <summary>The state changes of N+1: (file, text in N, text in N+1). Each must be found, so a refactoring of N fails loudly here.</summary>
    public static readonly (string File, string Old, string New)[] Changes =
    [
        // Renamed: the number is what is stored.
        ("grains/Leads/LeadState.cs", "[Id(43)] public int Handovers { get; set; }", "[Id(43)] public int HandoversDone { get; set; }"),
        ("grains/Leads/LeadState.cs", "            Handovers = 1;", "            HandoversDone = 1;"),
        ("grains/Leads/LeadGrain.Handover.cs", "S.Handovers++;", "S.HandoversDone++;"),
        ("grains/Leads/LeadGrain.Handover.cs", "S.Handovers, repId", "S.HandoversDone, repId"),

        // A default changed: leads N+1 creates start with it, stored values stay.
        ("grains/Leads/LeadState.cs", "[Id(23)] public int SecondsOnSite { get; set; }", "[Id(23)] public int SecondsOnSite { get; set; } = 5;"),

        // Added, on both states a capture writes: N reads rows that carry them and drops them when it writes.
        ("grains/Leads/LeadState.cs", "[Id(43)] public int HandoversDone { get; set; }", "[Id(43)] public int HandoversDone { get; set; }\n\n    [Id(90)] public string WrittenBy { get; set; } = \"n+1\";"),
        ("grains/Customers/CustomerState.cs", "public const string StateName = \"customer\";", "public const string StateName = \"customer\";\n\n    [Id(90)] public string WrittenBy { get; set; } = \"n+1\";"),
    ];

    /// <summary>
    /// The migration N+1 ships, an expansion applied while N still runs (a new nullable column and a new table). Numbered
    /// past every migration N ships, so N's own migrations never fall after it.
    /// </summary>
    public const string Migration = "0099_upgrade_probe";

    private const string MigrationSql = """
        -- N+1's expansion: N neither reads nor writes what it adds.
        ALTER TABLE crm_journal ADD COLUMN upgrade_note VARCHAR(40) NULL;
        CREATE TABLE IF NOT EXISTS crm_upgrade_probe
        (
            probe_id  VARCHAR(40)  NOT NULL,
            CONSTRAINT PK_crm_upgrade_probe PRIMARY KEY (probe_id)
        ) DEFAULT CHARSET = utf8mb4;
        """;

    /// <summary>The changes in words, for the run's report.</summary>
    public const string Summary = "LeadState.Handovers renamed HandoversDone; LeadState.SecondsOnSite defaults to 5 (was 0); LeadState and CustomerState gain WrittenBy = \"n+1\"";

    /// <summary>Builds N+1 (once) and returns its silo's folder, which holds CrmActors.Silo.dll and its appsettings.json.</summary>
    public static async Task<string> SiloFolderAsync() => Path.Combine(await RootAsync(), "silo");

    /// <summary>N+1's crmctl (its `db migrate` knows <see cref="Migration"/>).</summary>
    public static async Task<string> CrmctlAsync() =>
        Path.Combine(await RootAsync(), "tools", "crmctl", "bin", RepoPaths.Configuration, "net10.0", "crmctl.dll");

    /// <summary>Starts building N+1 at the lowest CPU priority when <see cref="EarlyVariable"/> asks for it; the build, or null.</summary>
    public static Task<string>? StartEarly()
    {
        if (Environment.GetEnvironmentVariable(EarlyVariable) != "1")
        {
            return null;
        }

        lock (Gate)
        {
            return _build ??= Task.Run(() => BuildAsync(lowPriority: true));
        }
    }

    private static Task<string> RootAsync()
    {
        lock (Gate)
        {
            return _build ??= BuildAsync(lowPriority: false);
        }
    }

    private static async Task<string> BuildAsync(bool lowPriority)
    {
        // Beside the test binaries (ignored by git, replaced by the next run) rather than in /tmp.
        var root = Path.Combine(AppContext.BaseDirectory, "next-version");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var (listed, files, listErrors) = await ProcessRunner.RunAsync("git", ["-C", RepoPaths.Root, "ls-files", "--cached", "--others", "--exclude-standard"], TimeSpan.FromMinutes(1));
        Assert.True(listed == 0, $"git ls-files failed: {listErrors}");
        string[] skipped = ["tests/", "bench/", "docs/", "ops/"];
        foreach (var file in files.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var from = Path.Combine(RepoPaths.Root, file);
            if (skipped.Any(s => file.StartsWith(s, StringComparison.Ordinal)) || !File.Exists(from))
            {
                continue;
            }

            var to = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        foreach (var (file, old, next) in Changes)
        {
            var path = Path.Combine(root, file);
            var text = await File.ReadAllTextAsync(path);
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"N+1 cannot be made: '{old}' is no longer in {file}");
            await File.WriteAllTextAsync(path, text.Replace(old, next, StringComparison.Ordinal));
        }

        var after = SchemaMigrator.All.Where(m => string.CompareOrdinal(m.Version, Migration) >= 0).Select(m => m.Version).ToList();
        Assert.True(after.Count == 0, $"N ships migrations numbered at or past N+1's probe {Migration}: {string.Join(", ", after)}");
        await File.WriteAllTextAsync(Path.Combine(root, "database", "Migrations", $"{Migration}.sql"), MigrationSql);
        // One build of both (a solution of the two), without the analyzers and style checks: N's own build already ran
        // them over the same sources, and they only cost compile time here.
        var solution = Path.Combine(root, "next-version.slnx");
        await File.WriteAllTextAsync(solution, """
            <Solution>
              <Project Path="silo/CrmActors.Silo.csproj" />
              <Project Path="tools/crmctl/CrmActors.Ctl.csproj" />
            </Solution>
            """);
        string[] build = ["dotnet", "build", solution, "-c", RepoPaths.Configuration, "-nologo", "-v", "q", "-p:RunAnalyzers=false", "-p:EnforceCodeStyleInBuild=false"];
        // At low priority every part of the build runs under nice: its own build nodes and compiler, not a compiler
        // server or build node an earlier build left running at normal priority.
        string[] niced = ["-n", "19", .. build, "-nodeReuse:false", "-p:UseSharedCompilation=false"];
        var (exit, output, errors) = lowPriority
            ? await ProcessRunner.RunAsync("nice", niced, TimeSpan.FromMinutes(20))
            : await ProcessRunner.RunAsync(build[0], build[1..], TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, $"building N+1 failed ({exit}):\n{output}\n{errors}");

        return root;
    }
}
