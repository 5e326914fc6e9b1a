using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Intake;

/// <summary>
/// Backpressure for intake: at most <see cref="IntakeOptions.MaxConcurrent"/> submissions in the cluster at
/// once from this instance, and a bounded queue behind them. Beyond that the API answers 503 with
/// Retry-After at once instead of letting latency and memory grow until clients time out; when the burst
/// passes, permits free up and intake recovers by itself.
/// </summary>
public sealed class IntakeGate(IOptions<IntakeOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrent,
        QueueLimit = options.Value.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Seconds a refused client is told to wait.</summary>
    public int RetryAfterSeconds => options.Value.RetryAfterSeconds;

    /// <summary>Waits for a permit; the lease is not acquired when the gate is saturated.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
