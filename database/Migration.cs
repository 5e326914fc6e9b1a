namespace CrmActors.Database;

/// <summary>One schema migration: its version (the file name), the SHA-256 of its text, and the SQL.</summary>
public sealed record class Migration(string Version, string Checksum, string Sql);
