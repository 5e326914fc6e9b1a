namespace CrmActors.Silo.Storage;

/// <summary>A row as read: its version, and its payload (null once cleared).</summary>
public sealed record class StoredState(int Version, byte[]? Payload);
