namespace CrmActors.WebApi.Errors;

/// <summary>What a failed call means for the client (see <see cref="OrleansFailures"/>); a later member wins when several apply.</summary>
public enum FailureFamily
{
    /// <summary>Not an outage: a business refusal, a client that left, or a defect (500).</summary>
    None = 0,

    /// <summary>The cluster is briefly unavailable (a silo died, a gateway moved, a call timed out): 503.</summary>
    Cluster = 1,

    /// <summary>The database is briefly unavailable (restarting, failing over): 503.</summary>
    Storage = 2,
}
