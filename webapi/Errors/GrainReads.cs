using Polly;
using Polly.Retry;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Reads retried across a silo failover: when a silo dies, calls to its grains fail for the few seconds
/// the cluster needs to declare it dead, then succeed on a survivor. Only side-effect-free calls go here.
/// What is retried is exactly what the client would otherwise get as a 503 (<see cref="OrleansFailures"/>).
/// </summary>
public sealed class GrainReads
{
    /// <summary>The longest a read may take, retries included; past it the client gets a 503.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(25);

    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddTimeout(Budget)
        .AddRetry(new RetryStrategyOptions
        {
            // The context's token is cancelled by the client leaving or by the budget running out: neither is retried.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && OrleansFailures.IsTransient(e, args.Context.CancellationToken)),
            MaxRetryAttempts = 12,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
            UseJitter = true,
        })
        .Build();

    /// <summary>Runs a read, retrying transient cluster failures.</summary>
    public ValueTask<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async ct => await read(ct), cancellationToken);
}
