namespace CrmActors.GrainInterfaces.Integration;

/// <summary>What became of one event sent by another system.</summary>
public enum IntegrationResult
{
    /// <summary>Stored now (and applied, or kept until what it refers to arrives).</summary>
    Stored = 0,

    /// <summary>Already stored with the same details: a retry; nothing changed.</summary>
    Duplicate = 1,

    /// <summary>Not stored; the field and the reason say why.</summary>
    Rejected = 2,
}
