using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>
/// docker/Dockerfile builds the silo, the web API and crmctl (no Docker engine runs here, so this is what is checked):
/// it copies every project they reference, directly or not, both for the restore layer and for the build.
/// </summary>
public sealed partial class DockerfileTests
{
    [Fact]
    public void Dockerfile_CopiesEveryProjectTheImagesReference()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker", "Dockerfile"));
        var copied = Copy().Matches(dockerfile).Select(m => m.Groups["from"].Value).ToHashSet(StringComparer.Ordinal);
        var projects = Referenced(["silo/CrmActors.Silo.csproj", "webapi/CrmActors.WebApi.csproj", "tools/crmctl/CrmActors.Ctl.csproj"]);

        Assert.Contains("ml-models", projects.Select(Path.GetDirectoryName));
        var missing = projects.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/'))
            .SelectMany(folder => new[] { $"{folder}/*.csproj", $"{folder}/" })
            .Where(path => !copied.Contains(path))
            .ToList();
        Assert.True(missing.Count == 0, "docker/Dockerfile does not copy: " + string.Join(", ", missing));
    }

    /// <summary>The projects <paramref name="roots"/> reference, themselves included, as paths from the repository root.</summary>
    private static HashSet<string> Referenced(IEnumerable<string> roots)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var project))
        {
            if (!found.Add(project))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.Combine(RepositoryFiles.Root, project))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryFiles.Root, project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryFiles.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^COPY\s+(?<from>\S+)\s+\S+\s*$", RegexOptions.Multiline)]
    private static partial Regex Copy();
}
