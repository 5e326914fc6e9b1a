using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using CrmActors.Routing;

namespace CrmActors.Bench.Routing;

/// <summary>Where the numbers came from: cores, memory, OS, runtime, GC mode and build.</summary>
internal sealed record class MachineInfo(
    int Cores,
    string Cpu,
    double MemoryGiB,
    string Os,
    string Kernel,
    string Architecture,
    string Runtime,
    string Gc,
    string TieredCompilation,
    string Build)
{
    public static MachineInfo Collect()
    {
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        // The environment (DOTNET_gcConcurrent=0) overrides runtimeconfig.json, which has no entry by default (on).
        var concurrent = Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") is { } env
            ? env is not ("0" or "false")
            : AppContext.GetData("System.GC.Concurrent") is not false;
        return new MachineInfo(
            Environment.ProcessorCount,
            ReadProc("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024,
            ReadProc("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
            File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            RuntimeInformation.FrameworkDescription,
            $"{gc} GC ({(concurrent ? "concurrent, " : "")}latency mode {GCSettings.LatencyMode})",
            TieredCompilationSetting(),
            IsOptimized(typeof(MachineInfo).Assembly) && IsOptimized(typeof(CompiledRuleSet).Assembly) ? "Release" : "Debug (numbers are not representative)");
    }

    private static string? ReadProc(string path, string key, char separator)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == key)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }

    private static string TieredCompilationSetting()
    {
        var tiered = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? AppContext.GetData("System.Runtime.TieredCompilation")?.ToString();
        var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? AppContext.GetData("System.Runtime.TieredPGO")?.ToString();
        return $"tiered compilation {(tiered is "0" or "false" or "False" ? "off" : "on")}, PGO {(pgo is "0" or "false" or "False" ? "off" : "on")}";
    }

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
