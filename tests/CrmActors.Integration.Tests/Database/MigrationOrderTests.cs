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

            // A primary key replaced while the same statement keeps the old key unique (0015, 0016), or an index replaced
            // by one in the same statement (0017), is an expansion: the running version's queries name no index, and its
            // lookups and upserts still meet a unique key. Which columns the new keys cover is the review's check.
            var checkedText = AddsUniqueIndex().IsMatch(text) ? DropsPrimaryKey().Replace(text, "") : text;
            checkedText = AddsIndex().IsMatch(checkedText) ? DropsIndex().Replace(checkedText, "") : checkedText;
            if (Dropping().IsMatch(checkedText) || (AddsColumn().IsMatch(text) && NotNullWithoutDefault().IsMatch(text)))
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
    [InlineData("ALTER TABLE crm_grain_state DROP PRIMARY KEY, ADD PRIMARY KEY (row_id);")]
    [InlineData("ALTER TABLE crm_journal DROP INDEX UX_crm_journal_event;")]
    [InlineData("ALTER TABLE crm_grain_state DROP PRIMARY KEY, ADD UNIQUE INDEX UX_a (key_hash), DROP COLUMN wake_at;")]
    public void ContractingStatements_FindWhatTheRunningVersionWouldTripOver(string sql) =>
        Assert.Single(ContractingStatements(sql));

    [Theory]
    [InlineData("ALTER TABLE crm_journal ADD COLUMN source VARCHAR(40) NULL; -- DROP later")]
    [InlineData("ALTER TABLE crm_journal ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'api';")]
    [InlineData("ALTER TABLE crm_grain_state ADD INDEX IX_a (service_id, wake_at);")]
    [InlineData("ALTER TABLE crm_journal DROP INDEX IX_a, ADD INDEX IX_b (tenant, stream, id, event_id);")]
    [InlineData("ALTER TABLE crm_grain_state DROP PRIMARY KEY, ADD COLUMN row_id BIGINT NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (row_id), ADD UNIQUE INDEX UX_a (key_hash);")]
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

    [GeneratedRegex(@"\bADD\s+UNIQUE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddsUniqueIndex();

    [GeneratedRegex(@"\bDROP\s+PRIMARY\s+KEY\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropsPrimaryKey();

    [GeneratedRegex(@"\bADD\s+(UNIQUE\s+)?(INDEX|KEY)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddsIndex();

    [GeneratedRegex(@"\bDROP\s+(INDEX|KEY)\s+\w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropsIndex();

    /// <summary>A NOT NULL column the running version's INSERTs cannot leave out: no default, and not filled by AUTO_INCREMENT.</summary>
    [GeneratedRegex(@"\bNOT\s+NULL\b(?!.*\b(DEFAULT|AUTO_INCREMENT)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotNullWithoutDefault();
}
