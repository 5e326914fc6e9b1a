// A defect throws the runtime's own exception types; the tests must too.
#pragma warning disable CA2201

using System.Data.Common;
using System.Net.Sockets;
using CrmActors.GrainInterfaces.Common;
using CrmActors.WebApi.Errors;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmActors.WebApi.Tests;

/// <summary>Which exceptions mean "the cluster or its database is briefly unavailable" (503), by family, however they are wrapped.</summary>
public sealed class OrleansFailuresTests
{
    public static TheoryData<string, FailureFamily> Cases => new()
    {
        // The Orleans runtime, whatever the type.
        { "silo unavailable", FailureFamily.Cluster },
        { "message rejected", FailureFamily.Cluster },
        { "connection failed", FailureFamily.Cluster },
        { "gateway too busy", FailureFamily.Cluster },
        { "client not available", FailureFamily.Cluster },
        { "placement failure (plain OrleansException)", FailureFamily.Cluster },
        { "inconsistent state", FailureFamily.Cluster },
        { "socket connection (Orleans networking)", FailureFamily.Cluster },
        { "codec not found for a Polly timeout", FailureFamily.Cluster },
        { "fallback for a Polly exception", FailureFamily.Cluster },

        // Timeouts, cancellations that are not the client's, Polly's rejections, the network.
        { "timeout", FailureFamily.Cluster },
        { "timeout subclass", FailureFamily.Cluster },
        { "operation canceled", FailureFamily.Cluster },
        { "task canceled", FailureFamily.Cluster },
        { "polly timeout rejected", FailureFamily.Cluster },
        { "polly broken circuit", FailureFamily.Cluster },
        { "polly rate limiter rejected", FailureFamily.Cluster },
        { "socket", FailureFamily.Cluster },
        { "io", FailureFamily.Cluster },

        // The database.
        { "db exception", FailureFamily.Storage },
        { "codec not found for a MySqlConnector exception", FailureFamily.Storage },
        { "storage refusal from a grain", FailureFamily.Storage },
        { "db exception inside an Orleans exception", FailureFamily.Storage },

        // Wrapped: inner exceptions and aggregates are looked through.
        { "silo unavailable inside an invalid operation", FailureFamily.Cluster },
        { "timeout three levels down", FailureFamily.Cluster },
        { "aggregate of an argument error and a timeout", FailureFamily.Cluster },
        { "aggregate inside an inner exception", FailureFamily.Cluster },

        // Not outages: defects stay 500, business refusals keep their status, the client leaving is not a failure.
        { "argument", FailureFamily.None },
        { "null reference", FailureFamily.None },
        { "invalid operation", FailureFamily.None },
        { "key not found", FailureFamily.None },
        { "json", FailureFamily.None },
        { "validation refusal", FailureFamily.None },
        { "conflict refusal inside an Orleans exception", FailureFamily.None },
        { "aggregate of a timeout and a not-found refusal", FailureFamily.None },
        { "fallback for our own exception type", FailureFamily.None },
        { "aggregate of defects", FailureFamily.None },
        { "bad request from the client", FailureFamily.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ExceptionOfAFamily_GivesThatFamily(string exception, FailureFamily expected)
    {
        var classified = OrleansFailures.Classify(Build(exception));

        Assert.Equal(expected, classified);
        Assert.Equal(expected != FailureFamily.None, OrleansFailures.IsTransient(Build(exception)));
    }

    [Fact]
    public void Classify_CancellationWhenTheClientAborted_IsNotAnOutage()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.Equal(FailureFamily.None, OrleansFailures.Classify(new TaskCanceledException(), aborted.Token));
        Assert.Equal(FailureFamily.Cluster, OrleansFailures.Classify(new TimeoutException(), aborted.Token));
    }

    [Fact]
    public void Classify_ACycleOfInnerExceptions_Terminates()
    {
        var first = new InvalidOperationException("first");
        var cyclic = new InvalidOperationException("second", first);
        typeof(Exception).GetField("_innerException", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(first, cyclic);

        Assert.Equal(FailureFamily.None, OrleansFailures.Classify(cyclic));
    }

    [Fact]
    public void FindRefusal_WrappedBusinessRefusal_IsFound()
    {
        var refusal = new CrmException(CrmErrorCode.Conflict, "taken", "number");

        Assert.Same(refusal, OrleansFailures.FindRefusal(new AggregateException(new TimeoutException(), new InvalidOperationException("x", refusal))));
        Assert.Null(OrleansFailures.FindRefusal(new SiloUnavailableException()));
    }

    internal static Exception Build(string name) => name switch
    {
        "silo unavailable" => new SiloUnavailableException(),
        "message rejected" => Make<OrleansMessageRejectionException>("rejected"),
        "connection failed" => new ConnectionFailedException("gateway gone"),
        "gateway too busy" => new GatewayTooBusyException(),
        "client not available" => Make<ClientNotAvailableException>("client gone"),
        "placement failure (plain OrleansException)" => new OrleansException("Grain placement timed out."),
        "inconsistent state" => new Orleans.Storage.InconsistentStateException("etag mismatch"),
        "socket connection (Orleans networking)" => new Orleans.Networking.Shared.SocketConnectionException("reset"),
        "codec not found for a Polly timeout" => new CodecNotFoundException("Could not find a codec for type Polly.Timeout.TimeoutRejectedException."),
        "fallback for a Polly exception" => Fallback("Polly.Timeout.TimeoutRejectedException"),
        "timeout" => new TimeoutException(),
        "timeout subclass" => new PlacementTimeoutException(),
        "operation canceled" => new OperationCanceledException(),
        "task canceled" => new TaskCanceledException(),
        "polly timeout rejected" => new TimeoutRejectedException(),
        "polly broken circuit" => new BrokenCircuitException(),
        "polly rate limiter rejected" => new RateLimitedException(),
        "socket" => new SocketException((int)SocketError.ConnectionReset),
        "io" => new IOException("broken pipe"),
        "db exception" => new FakeDbException(),
        "codec not found for a MySqlConnector exception" => new CodecNotFoundException("Could not find a codec for type MySqlConnector.MySqlException."),
        "storage refusal from a grain" => new CrmException(CrmErrorCode.StorageUnavailable, "The database did not answer."),
        "db exception inside an Orleans exception" => new OrleansException("write failed", new FakeDbException()),
        "silo unavailable inside an invalid operation" => new InvalidOperationException("outer", new SiloUnavailableException()),
        "timeout three levels down" => new InvalidOperationException("a", new NotSupportedException("b", new TimeoutException())),
        "aggregate of an argument error and a timeout" => new AggregateException(new ArgumentException("x"), new TimeoutException()),
        "aggregate inside an inner exception" => new InvalidOperationException("outer", new AggregateException(new KeyNotFoundException(), Make<OrleansMessageRejectionException>("x"))),
        "argument" => new ArgumentException("bad"),
        "null reference" => new NullReferenceException(),
        "invalid operation" => new InvalidOperationException(),
        "key not found" => new KeyNotFoundException(),
        "json" => new System.Text.Json.JsonException("bad json"),
        "validation refusal" => CrmException.Invalid("name", "required"),
        "conflict refusal inside an Orleans exception" => new OrleansException("x", new CrmException(CrmErrorCode.Conflict, "taken")),
        "aggregate of a timeout and a not-found refusal" => new AggregateException(new TimeoutException(), CrmException.NotFound("Lead", "L1")),
        "fallback for our own exception type" => Fallback("CrmActors.Routing.RuleSetValidationException"),
        "aggregate of defects" => new AggregateException(new ArgumentException("x"), new NullReferenceException()),
        "bad request from the client" => new Microsoft.AspNetCore.Http.BadHttpRequestException("Unexpected end of request content.", 400),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    // Some Orleans exceptions have no public constructor; the runtime builds them.
    private static T Make<T>(params object[] args) =>
        (T)Activator.CreateInstance(typeof(T), System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, args, null)!;

    private static UnavailableExceptionFallbackException Fallback(string type)
    {
        var fallback = new UnavailableExceptionFallbackException("from a silo", null!);
        typeof(UnavailableExceptionFallbackException).GetProperty(nameof(UnavailableExceptionFallbackException.ExceptionType))!.SetValue(fallback, type);
        return fallback;
    }

    private sealed class PlacementTimeoutException : TimeoutException;

    private sealed class RateLimitedException : ExecutionRejectedException;

    private sealed class FakeDbException : DbException;
}
