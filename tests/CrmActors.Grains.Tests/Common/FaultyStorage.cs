using System.Collections.Concurrent;
using Orleans.Storage;

namespace CrmActors.Grains.Tests.Common;

/// <summary>
/// The grain tests' storage: in-memory, except that a test can make the next writes of one grain fail, as a database
/// that drops a write (or a silo killed before it commits) would.
/// </summary>
public sealed class FaultyStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, int> FailingWrites = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> writes of the grain whose key ends with <paramref name="keySuffix"/> fail.</summary>
    public static void FailNextWrites(string keySuffix, int count = 1) => FailingWrites[keySuffix] = count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        foreach (var (suffix, left) in FailingWrites)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && left > 0 && FailingWrites.TryUpdate(suffix, left - 1, left))
            {
                throw new InvalidOperationException($"Injected write failure for {grainId}.");
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
