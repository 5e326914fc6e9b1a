namespace CrmActors.Integration.Tests.Processes;

/// <summary>Where the built silo, web API and crmctl live, for tests that run them as real processes.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the binaries: CRM_BUILD_CONFIGURATION, else this test assembly's own.</summary>
    public static string Configuration { get; } =
        Environment.GetEnvironmentVariable("CRM_BUILD_CONFIGURATION") is { Length: > 0 } c ? c
#if DEBUG
        : "Debug";
#else
        : "Release";
#endif

    public static string Binary(string projectFolder, string dll)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectFolder} ({Configuration}) first: {path} is missing.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmActors.sln not found above the test binaries.");
    }
}
