using System.Text.Json;
using CrmActors.Ctl;
using CrmActors.GrainInterfaces.Intake;

namespace CrmActors.WebApi.Tests.Repository;

/// <summary>The repository's docs as a newcomer meets them: examples that work, references they can follow.</summary>
public sealed class RepositoryDocsTests
{
    [Fact]
    public void ReadmeQuickLook_ExampleLead_IsNotOneOfTheDemoTenantsLeads()
    {
        var phone = JsonDocument.Parse(RepositoryFiles.ReadmeExampleLead()).RootElement.GetProperty("phone").GetString();
        Assert.True(PhoneNumber.TryNormalize(phone, out var example, out var error), $"The README's example phone '{phone}' is invalid: {error}");

        var demo = DemoTenant.Leads.Select(l => PhoneNumber.TryNormalize(l.Phone, out var normalized, out _) ? normalized : l.Phone).ToArray();

        // run.sh loads the demo tenant first; a lead with one of its phones is answered as a Duplicate.
        Assert.Equal(DemoTenant.Leads.Count, demo.Length);
        Assert.DoesNotContain(example, demo);
    }

    [Fact]
    public void RepositoryFiles_DocsAndSources_NeverPointOutsideTheRepository()
    {
        // The team's notes beside the checkout: a user of the repository does not have them.
        string[] outside = ["../shared", "..\\shared", "SCENARIOS.md", "NOTES-orleans-mariadb.md"];
        var self = Path.Combine("tests", "CrmActors.WebApi.Tests", "Repository", nameof(RepositoryDocsTests) + ".cs");

        var files = RepositoryFiles.TextFiles().ToList();

        var found = files
            .Where(f => f.Path != self)
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => outside.Any(o => l.Text.Contains(o, StringComparison.Ordinal)))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Contains(files, f => f.Path == "README.md");
        Assert.True(found.Count == 0, "Replace these references with what the reader needs:\n" + string.Join('\n', found));
    }
}
