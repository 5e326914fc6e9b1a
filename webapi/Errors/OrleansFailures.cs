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
        _ => IsStorageUnavailable(exception),
    };

    /// <summary>
    /// True when a grain could not read or write its state because the database is unreachable (restarting, failing
    /// over): the request changed nothing and can be retried.
    /// </summary>
    public static bool IsStorageUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or System.Net.Sockets.SocketException
                || (e is Orleans.Serialization.CodecNotFoundException && e.Message.Contains("MySqlConnector", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
