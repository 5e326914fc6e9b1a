using System.Net.Http.Json;
using System.Text.Json;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>The few API calls the process tests make, with failures that show the response body.</summary>
public static class Api
{
    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        HttpResponseMessage response;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            response = await client.SendAsync(request);

            // A client that reads fast meets the tenant's rate limit; it waits as told, like any well-behaved client.
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt >= 20)
            {
                break;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response.Dispose();
        }

        using var answered = response;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new Xunit.Sdk.XunitException($"{method} {path} -> {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetAsync(HttpClient client, string path) => SendAsync(client, HttpMethod.Get, path);

    public static Task<JsonElement> PostAsync(HttpClient client, string path, object body) => SendAsync(client, HttpMethod.Post, path, body);

    public static Task<JsonElement> PutAsync(HttpClient client, string path, object body) => SendAsync(client, HttpMethod.Put, path, body);

    /// <summary>Polls a read until it matches; for effects produced by another process on its own schedule.</summary>
    public static async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < until)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < until)
            {
                // A 503 during failover; the read is retried.
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"Timed out after {timeout} waiting for {what}; last read: {last}");
    }
}
