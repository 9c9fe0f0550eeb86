using Chainweave.Api.Rpc;
using Chainweave.Node.Chain;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Chainweave.Node.Api;

/// <summary>
/// GET /v1/events?blocks=true&amp;txs=true&amp;events=true&amp;contract=NAME as Server-Sent Events:
/// event types "block", "tx" and "event", data the JSON of the ChainEvent.
/// </summary>
internal static class ServerSentEvents
{
    public static async Task StreamAsync(HttpContext context, ChainApi api, JsonFormatter formatter)
    {
        var query = context.Request.Query;
        var filter = new SubscribeRequest
        {
            Blocks = Flag(query["blocks"], true),
            TxResults = Flag(query["txs"], true),
            Events = Flag(query["events"], true),
            Contract = query["contract"].ToString(),
        };
        var token = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var blocks = api.Hub.Subscribe(token);
        await context.Response.WriteAsync(": subscribed\n\n", token).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
        var events = new List<ChainEvent>();
        try
        {
            await foreach (var block in blocks.ReadAllAsync(token).ConfigureAwait(false))
            {
                events.Clear();
                EventFeed.Append(block, filter, api, events);
                foreach (var ev in events)
                {
                    var type = ev.KindCase switch
                    {
                        ChainEvent.KindOneofCase.Block => "block",
                        ChainEvent.KindOneofCase.Tx => "tx",
                        _ => "event",
                    };
                    await context.Response.WriteAsync($"event: {type}\ndata: {formatter.Format(ev)}\n\n", token).ConfigureAwait(false);
                }

                await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (SubscriberTooSlowException e)
        {
            await context.Response.WriteAsync($"event: error\ndata: {e.Message}\n\n", CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static bool Flag(Microsoft.Extensions.Primitives.StringValues value, bool fallback) =>
        value.Count == 0 ? fallback : bool.TryParse(value.ToString(), out var parsed) ? parsed : fallback;

}
