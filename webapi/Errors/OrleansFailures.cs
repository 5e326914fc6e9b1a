using System.Data.Common;
using System.Net.Sockets;
using CrmActors.GrainInterfaces.Common;
using Orleans.Serialization;
using Polly;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Which failures mean "the cluster or its database is briefly unavailable", by family rather than by listing types:
/// a failover shows up as whatever type the silo, the network or the serializer happened to throw (a Polly timeout
/// from a silo without a codec arrives as a codec-not-found; a placement timeout as another Orleans type), and every
/// one of them must reach the client as 503 with Retry-After, never as a 500.
/// </summary>
public static class OrleansFailures
{
    // Deep enough for any real wrapping; a cycle or a pathological chain stops here.
    private const int MaxExceptionsExamined = 64;

    /// <summary>
    /// The family of <paramref name="exception"/>, looking through inner exceptions and every exception of an
    /// <see cref="AggregateException"/>. A business refusal (<see cref="CrmException"/>) anywhere makes it
    /// <see cref="FailureFamily.None"/>: it keeps its own 400/404/409. An <see cref="OperationCanceledException"/>
    /// counts only when <paramref name="clientAborted"/> is not cancelled (otherwise the client left; nothing failed).
    /// </summary>
    public static FailureFamily Classify(Exception exception, CancellationToken clientAborted = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var found = FailureFamily.None;
        foreach (var e in Walk(exception))
        {
            if (e is CrmException crm)
            {
                if (crm.Code != CrmErrorCode.StorageUnavailable)
                {
                    return FailureFamily.None;
                }

                found = FailureFamily.Storage;
                continue;
            }

            found = Worse(found, Own(e, clientAborted));
        }

        return found;
    }

    /// <summary>True for failures a retry after failover can cure (the cluster or the database is briefly unavailable).</summary>
    public static bool IsTransient(Exception exception, CancellationToken clientAborted = default) =>
        Classify(exception, clientAborted) != FailureFamily.None;

    /// <summary>The first business refusal in <paramref name="exception"/>, itself or wrapped (an aggregate of parallel calls).</summary>
    public static CrmException? FindRefusal(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Walk(exception).OfType<CrmException>().FirstOrDefault();
    }

    /// <summary>The exception, then its inner exceptions and every exception of an aggregate, depth first.</summary>
    private static IEnumerable<Exception> Walk(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        for (var examined = 0; pending.Count > 0 && examined < MaxExceptionsExamined; examined++)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                for (var i = aggregate.InnerExceptions.Count - 1; i >= 0; i--)
                {
                    pending.Push(aggregate.InnerExceptions[i]);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    private static FailureFamily Own(Exception e, CancellationToken clientAborted) => e switch
    {
        DbException => FailureFamily.Storage,
        CodecNotFoundException when e.Message.Contains("MySqlConnector", StringComparison.Ordinal) => FailureFamily.Storage,
        CodecNotFoundException => FailureFamily.Cluster,

        // Our own exception type crossing the wire without a codec is a defect in our code, not an outage.
        UnavailableExceptionFallbackException { ExceptionType: { } type } when IsOurs(type) => FailureFamily.None,
        UnavailableExceptionFallbackException { ExceptionType: { } type } when type.StartsWith("MySqlConnector.", StringComparison.Ordinal) => FailureFamily.Storage,
        OperationCanceledException => clientAborted.IsCancellationRequested ? FailureFamily.None : FailureFamily.Cluster,

        // An IOException too, but about what the client sent (a broken chunk, a body over the limit): not an outage.
        BadHttpRequestException => FailureFamily.None,
        TimeoutException or ExecutionRejectedException or SocketException or IOException => FailureFamily.Cluster,
        _ when IsOrleans(e.GetType()) => FailureFamily.Cluster,
        _ => FailureFamily.None,
    };

    private static FailureFamily Worse(FailureFamily a, FailureFamily b) => (FailureFamily)Math.Max((int)a, (int)b);

    private static bool IsOrleans(Type type) =>
        type.Namespace is { } ns && (ns == "Orleans" || ns.StartsWith("Orleans.", StringComparison.Ordinal));

    private static bool IsOurs(string typeName) => typeName.StartsWith("CrmActors.", StringComparison.Ordinal);
}
