using System.Text.RegularExpressions;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>The checkout the tests were built from: its root, its text files and the README's sections.</summary>
public static partial class RepositoryFiles
{
    // Build output, installed packages and local run data: not the repository's own text.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "node_modules", "TestResults", ".local", ".local-scale", ".testdata", "results", "scratch",
    };

    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".png", ".jpg", ".ico", ".dll", ".pdb", ".xlsx", ".gz", ".br",
    };

    /// <summary>The folder holding CrmActors.sln, found upwards from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every text file of the repository, with its path relative to the root.</summary>
    public static IEnumerable<(string Path, string Text)> TextFiles()
    {
        var pending = new Stack<string>([Root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(folder).Where(f => !BinaryExtensions.Contains(Path.GetExtension(f))))
            {
                var text = File.ReadAllText(file);
                if (!text.Contains('\0', StringComparison.Ordinal))
                {
                    yield return (Path.GetRelativePath(Root, file), text);
                }
            }
        }
    }

    /// <summary>The README's text from a heading or sentence up to the next level-2 heading.</summary>
    public static string ReadmeSection(string start)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var from = readme.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"README.md has no '{start}'.");
        var to = readme.IndexOf("\n## ", from + start.Length, StringComparison.Ordinal);
        return to < 0 ? readme[from..] : readme[from..to];
    }

    /// <summary>The JSON body of the README's example lead: the <c>-d '...'</c> of its POST in "A quick look".</summary>
    public static string ReadmeExampleLead()
    {
        var match = PostedBody().Match(ReadmeSection("A quick look"));
        Assert.True(match.Success, "README.md's quick look has no curl -d '{...}' body.");
        return match.Groups["json"].Value;
    }

    /// <summary>A "name": "value" pair the README's quick look shows in an answer (a ```json block).</summary>
    public static string ReadmeQuickLookValue(string name)
    {
        var answers = string.Join('\n', JsonBlocks().Matches(ReadmeSection("A quick look")).Select(m => m.Groups["json"].Value));
        var match = Regex.Match(answers, $"\"{Regex.Escape(name)}\":\\s*\"(?<value>[^\"]+)\"");
        Assert.True(match.Success, $"README.md's quick look shows no \"{name}\".");
        return match.Groups["value"].Value;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CrmActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CrmActors.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"-d '(?<json>\{[^']*\})'", RegexOptions.Singleline)]
    private static partial Regex PostedBody();

    [GeneratedRegex(@"```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlocks();
}
