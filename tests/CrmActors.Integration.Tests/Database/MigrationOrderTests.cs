using System.Text.RegularExpressions;
using CrmActors.Database;

namespace CrmActors.Integration.Tests.Database;

/// <summary>
/// A release applies its migrations while the previous version still runs (docs/OPERATIONS.md, "Upgrading"), so a
/// migration either only expands the schema (new tables, nullable or defaulted columns, indexes) or says in its first
/// line that it contracts it ("-- contract: ..."), which ships apart from the code that stopped needing the old shape.
/// </summary>
public sealed partial class MigrationOrderTests
{
    /// <summary>The statements the previous version can trip over, found in a migration's SQL (comments removed).</summary>
    public static IReadOnlyList<string> ContractingStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var code = string.Join('\n', sql.Split('\n').Select(line => line.Split("--", 2)[0]));
        var found = new List<string>();
        foreach (Match statement in Statement().Matches(code))
        {
            var text = Regex.Replace(statement.Value, @"\s+", " ").Trim();
            if (Dropping().IsMatch(text) || (AddsColumn().IsMatch(text) && NotNullWithoutDefault().IsMatch(text)))
            {
                found.Add(text.Length > 120 ? text[..120] : text);
            }
        }

        return found;
    }

    [Fact]
    public void EveryMigration_OnlyExpandsTheSchema_OrSaysItContractsIt()
    {
        Assert.NotEmpty(SchemaMigrator.All);
        foreach (var migration in SchemaMigrator.All)
        {
            var marked = migration.Sql.TrimStart().StartsWith("-- contract:", StringComparison.OrdinalIgnoreCase);
            var contracting = ContractingStatements(migration.Sql);
            Assert.True(marked || contracting.Count == 0, $"{migration.Version} contracts the schema without saying so: {string.Join("; ", contracting)}");
        }
    }

    [Theory]
    [InlineData("ALTER TABLE crm_journal DROP COLUMN event_id;")]
    [InlineData("alter table crm_journal\n    rename column stream to stream_id;")]
    [InlineData("ALTER TABLE crm_grain_state MODIFY wake_at DATETIME(3) NOT NULL;")]
    [InlineData("DROP TABLE crm_import_files;")]
    [InlineData("RENAME TABLE crm_journal TO crm_events;")]
    [InlineData("ALTER TABLE crm_journal ADD COLUMN source VARCHAR(40) NOT NULL;")]
    public void ContractingStatements_FindWhatTheRunningVersionWouldTripOver(string sql) =>
        Assert.Single(ContractingStatements(sql));

    [Theory]
    [InlineData("ALTER TABLE crm_journal ADD COLUMN source VARCHAR(40) NULL; -- DROP later")]
    [InlineData("ALTER TABLE crm_journal ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'api';")]
    [InlineData("ALTER TABLE crm_grain_state ADD INDEX IX_a (service_id, wake_at);")]
    [InlineData("CREATE TABLE IF NOT EXISTS t (id INT NOT NULL, PRIMARY KEY (id));")]
    [InlineData("INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteKey', 'DELETE FROM x WHERE y IS NOT NULL');")]
    public void ContractingStatements_LetExpansionsThrough(string sql) =>
        Assert.Empty(ContractingStatements(sql));

    [GeneratedRegex(@"[^;]+", RegexOptions.CultureInvariant)]
    private static partial Regex Statement();

    [GeneratedRegex(@"^(DROP\s+(TABLE|DATABASE|VIEW)\b|RENAME\s+TABLE\b|TRUNCATE\b|ALTER\s+TABLE\s+\S+\s+.*\b(DROP|RENAME|MODIFY|CHANGE)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dropping();

    [GeneratedRegex(@"^ALTER\s+TABLE\b.*\bADD\s+(COLUMN\s+)?\w+\s+\w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddsColumn();

    [GeneratedRegex(@"\bNOT\s+NULL\b(?!.*\bDEFAULT\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotNullWithoutDefault();
}
