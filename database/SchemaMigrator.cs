using System.Reflection;
using System.Security.Cryptography;
using MySqlConnector;

namespace CrmActors.Database;

/// <summary>
/// Applies the embedded migrations (database/Migrations/NNNN_name.sql) in order, once each, recording
/// each file's checksum in <c>crm_schema_version</c>. Safe to run again and from several processes at once
/// (a named lock serializes them). An applied file whose text changed is an error: add a new migration.
/// </summary>
public sealed class SchemaMigrator
{
    /// <summary>The table that records applied migrations.</summary>
    public const string VersionTable = "crm_schema_version";

    private const string ResourcePrefix = "CrmActors.Database.Migrations.";
    private const string LockName = "crmactors_schema_migration";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private readonly string _connectionString;
    private readonly Action<string> _log;

    /// <summary>Creates a migrator for the database named in <paramref name="connectionString"/>.</summary>
    public SchemaMigrator(string connectionString, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = connectionString;
        _log = log ?? (_ => { });
    }

    /// <summary>Every migration shipped in this build, in the order it applies.</summary>
    public static IReadOnlyList<Migration> All { get; } = LoadMigrations();

    /// <summary>Creates the database named in the connection string when it does not exist.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        if (string.IsNullOrEmpty(database))
        {
            throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        }

        builder.Database = string.Empty;
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        // A user granted only its own database (MySQL's MYSQL_DATABASE/MYSQL_USER, a hosted database) may
        // not run CREATE DATABASE even with IF NOT EXISTS, so look first.
        await using (var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", connection))
        {
            exists.Parameters.AddWithValue("@name", database);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        await using var command = new MySqlCommand(
            $"CREATE DATABASE IF NOT EXISTS `{database.Replace("`", "``", StringComparison.Ordinal)}` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies what is missing; returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await AcquireLockAsync(connection, cancellationToken))
        {
            throw new InvalidOperationException($"Another process held the schema migration lock for more than {LockTimeout.TotalSeconds:0} s.");
        }

        try
        {
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {VersionTable}
                (
                    version    VARCHAR(100) NOT NULL,
                    checksum   CHAR(64)     NOT NULL,
                    applied_at DATETIME(3)  NOT NULL,
                    CONSTRAINT PK_{VersionTable} PRIMARY KEY (version)
                ) DEFAULT CHARSET = utf8mb4
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var migration in All)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} was applied with checksum {checksum}, but this build's file has {migration.Checksum}. " +
                            "Applied migrations must not change; add a new migration instead.");
                    }

                    continue;
                }

                _log($"applying {migration.Version}");
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using var record = new MySqlCommand(
                    $"INSERT INTO {VersionTable} (version, checksum, applied_at) VALUES (@version, @checksum, UTC_TIMESTAMP(3))", connection);
                record.Parameters.AddWithValue("@version", migration.Version);
                record.Parameters.AddWithValue("@checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"DO RELEASE_LOCK('{LockName}')", CancellationToken.None);
        }
    }

    private static async Task<bool> AcquireLockAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT GET_LOCK('{LockName}', {(int)LockTimeout.TotalSeconds})", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// The migrations this build ships that the database has not applied, in order (all of them when it has none). Reads
    /// only; a process checks with it that the schema it runs on is the one it was built for.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table", connection);
        exists.Parameters.AddWithValue("@table", VersionTable);
        var applied = Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0
            ? await ReadAppliedAsync(connection, cancellationToken)
            : [];
        return [.. All.Select(m => m.Version).Where(v => !applied.ContainsKey(v))];
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new MySqlCommand($"SELECT version, checksum FROM {VersionTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(name => Load(assembly, name)),
        ];
    }

    private static Migration Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var version = resource[ResourcePrefix.Length..^".sql".Length];
        var checksum = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, checksum, sql);
    }
}
