using System.Text.Json;
using System.Threading.Channels;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.WebApi.Contracts;

namespace CrmActors.WebApi.Apis;

/// <summary>
/// A rep's inbox as server-sent events: "ready" once the watch is live, then an "inbox" event (the item as JSON)
/// for every item delivered or moved forward, and a comment every <see cref="KeepAlive"/> that also renews the
/// watch. Ends when the client goes away.
/// </summary>
public sealed partial class InboxStream(IGrainFactory grains, ILogger<InboxStream> logger)
{
    /// <summary>How often the stream renews its watch and sends a keep-alive comment.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Streams <paramref name="rep"/>'s inbox changes to <paramref name="http"/>'s response.</summary>
    public async Task RunAsync(IRepGrain rep, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(http);
        var ct = http.RequestAborted;
        var changes = Channel.CreateBounded<InboxItem>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = new Watcher(changes.Writer);
        var reference = grains.CreateObjectReference<IInboxObserver>(watcher);
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await rep.WatchInboxAsync(reference);
            await WriteAsync(http, "event: ready\ndata: {}\n\n", ct);
            using var renew = new PeriodicTimer(KeepAlive);
            var tick = renew.WaitForNextTickAsync(ct).AsTask();
            while (!ct.IsCancellationRequested)
            {
                var next = changes.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(next, tick) == tick)
                {
                    await tick;
                    await rep.WatchInboxAsync(reference);
                    await WriteAsync(http, ": keep-alive\n\n", ct);
                    tick = renew.WaitForNextTickAsync(ct).AsTask();
                    continue;
                }

                await next;
                while (changes.Reader.TryRead(out var item))
                {
                    await WriteAsync(http, $"event: inbox\nid: {item.Id}\ndata: {JsonSerializer.Serialize(item.ToResponse(), Json)}\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            try
            {
                await rep.UnwatchInboxAsync(reference);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The watch expires by itself.
                LogUnwatchFailed(logger, ex);
            }

            grains.DeleteObjectReference<IInboxObserver>(watcher);
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }


    [LoggerMessage(Level = LogLevel.Debug, Message = "Ending an inbox watch failed; it expires by itself")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception ex);

    private sealed class Watcher(ChannelWriter<InboxItem> changes) : IInboxObserver
    {
        public void InboxChanged(InboxItem item) => changes.TryWrite(item);
    }
}
