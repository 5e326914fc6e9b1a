namespace CrmActors.Bench.Routing;

/// <summary>Values with relative weights, drawn by a seeded <see cref="Random"/>.</summary>
internal sealed class Weighted<T>
{
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] items)
    {
        Values = [.. items.Select(i => i.Value)];
        _cumulative = new double[items.Length];
        var sum = 0.0;
        for (var i = 0; i < items.Length; i++)
        {
            sum += items[i].Weight;
            _cumulative[i] = sum;
        }
    }

    /// <summary>The values, in the order given.</summary>
    public T[] Values { get; }

    public T Next(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return Values[i < 0 ? ~i : Math.Min(i + 1, Values.Length - 1)];
    }

    /// <summary><paramref name="count"/> distinct values, each drawn by weight.</summary>
    public T[] Distinct(Random random, int count)
    {
        count = Math.Min(count, Values.Length);
        var picked = new List<T>(count);
        while (picked.Count < count)
        {
            var value = Next(random);
            if (!picked.Contains(value))
            {
                picked.Add(value);
            }
        }

        return [.. picked];
    }
}
