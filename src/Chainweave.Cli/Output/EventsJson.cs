using System.Text.Json;
using Chainweave.Api.Ledger;

namespace Chainweave.Cli.Output;

/// <summary>Contract events as JSON, the same in `tx get` and in contract command answers.</summary>
internal static class EventsJson
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<Event> events)
    {
        w.WriteStartArray("events");
        foreach (var ev in events)
        {
            w.WriteStartObject();
            w.WriteString("contract", ev.Contract);
            w.WriteString("topic", ev.Topic);
            w.WriteStartArray("data");
            foreach (var item in ev.Data)
            {
                w.WriteStringValue(TextOrHex.Show(item.Span));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
