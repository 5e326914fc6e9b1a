namespace CrmActors.GrainInterfaces.Common;

/// <summary>What kind of refusal a grain gave; the web API maps each to an HTTP status.</summary>
public enum CrmErrorCode
{
    /// <summary>The input broke a rule; <see cref="CrmException.Field"/> names the field.</summary>
    Validation = 0,

    /// <summary>The entity (or one it refers to) does not exist in the caller's tenant.</summary>
    NotFound = 1,

    /// <summary>The request conflicts with the entity's current state.</summary>
    Conflict = 2,

    /// <summary>The database could not be reached or refused the write; nothing was acknowledged.</summary>
    StorageUnavailable = 3,

    /// <summary>The caller may not do this to this entity (e.g. decide an approval addressed to someone else).</summary>
    Forbidden = 4,
}
