namespace CrmActors.Grains.Tests;

/// <summary>
/// Waits for an effect that another component (the reminder service) produces asynchronously after the
/// test moved the clock. When given a fake clock it lets fake time flow in small steps while it waits, as
/// real time would; the real-time bound only stops a broken test from hanging.
/// </summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, Microsoft.Extensions.Time.Testing.FakeTimeProvider? flow = null)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            }

            flow?.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }
}
