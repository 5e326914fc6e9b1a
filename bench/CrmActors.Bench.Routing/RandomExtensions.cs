namespace CrmActors.Bench.Routing;

/// <summary>The draws the generators need from a seeded <see cref="Random"/> (deterministic for a seed).</summary>
internal static class RandomExtensions
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static T OneOf<T>(this Random random, params ReadOnlySpan<T> values) => values[random.Next(values.Length)];

    /// <summary><paramref name="count"/> distinct values, uniformly.</summary>
    public static T[] PickDistinct<T>(this Random random, IReadOnlyList<T> values, int count)
    {
        var copy = values.ToArray();
        count = Math.Min(count, copy.Length);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy[..count];
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An exponential draw with the given mean.</summary>
    public static double Exponential(this Random random, double mean) => -Math.Log(1.0 - random.NextDouble()) * mean;
}
