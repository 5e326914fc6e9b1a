using System.Collections.Concurrent;
using Orleans.Storage;

namespace CrmActors.Grains.Tests.Common;

/// <summary>
/// The grain tests' storage: in-memory, except that a test can make the next writes of one grain fail, as a database
/// that drops a write (or a silo killed before it commits) would.
/// </summary>
public sealed class FaultyStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<(string? StateName, string KeySuffix), int> FailingWrites = new();

    /// <summary>
    /// The next <paramref name="count"/> writes of the grain whose key ends with <paramref name="keySuffix"/> fail; with
    /// <paramref name="stateName"/>, only writes of that state (grains of two kinds may share a key: a lead and its
    /// conversations).
    /// </summary>
    public static void FailNextWrites(string keySuffix, int count = 1, string? stateName = null) =>
        FailingWrites[(stateName, keySuffix)] = count;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        foreach (var (which, left) in FailingWrites)
        {
            if ((which.StateName is null || which.StateName == stateName) && key.EndsWith(which.KeySuffix, StringComparison.Ordinal)
                && left > 0 && FailingWrites.TryUpdate(which, left - 1, left))
            {
                throw new InvalidOperationException($"Injected write failure for {grainId}.");
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
