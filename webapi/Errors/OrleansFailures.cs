using Orleans.Runtime.Messaging;

namespace CrmActors.WebApi.Errors;

/// <summary>Which failures of a grain call mean "the cluster is briefly unavailable" (a silo died, a gateway moved).</summary>
public static class OrleansFailures
{
    /// <summary>True for failures a retry after failover can cure.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        ClientNotAvailableException => true,
        TimeoutException => true,
        GatewayTooBusyException => true,
        _ => false,
    };
}
