using Polly;
using Polly.Retry;

namespace CrmActors.WebApi.Errors;

/// <summary>
/// Reads retried across a silo failover: when a silo dies, calls to its grains fail for the few seconds
/// the cluster needs to declare it dead, then succeed on a survivor. Only side-effect-free calls go here.
/// </summary>
public sealed class GrainReads
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(OrleansFailures.IsTransient),
            MaxRetryAttempts = 12,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
            UseJitter = true,
        })
        .AddTimeout(TimeSpan.FromSeconds(25))
        .Build();

    /// <summary>Runs a read, retrying transient cluster failures.</summary>
    public ValueTask<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async ct => await read(ct), cancellationToken);
}
