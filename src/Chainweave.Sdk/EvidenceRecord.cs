using System.Globalization;
using System.Text.Json;
using Chainweave.Core.Errors;

namespace Chainweave.Sdk;

/// <summary>An evidence record as the EVIDENCE contract stores it.</summary>
/// <param name="Meta">The metadata JSON text as stored; empty when none was given.</param>
/// <param name="TxId">Hex id of the transaction that wrote it.</param>
/// <param name="Timestamp">Unix milliseconds of the block that holds it.</param>
/// <param name="Org">Organisation of the member that wrote it.</param>
public sealed record EvidenceRecord(string Id, string Hash, string Meta, string TxId, ulong BlockHeight, long Timestamp, string Org)
{
    /// <summary>Reads the contract's UTF-8 JSON answer to `get`.</summary>
    public static EvidenceRecord Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ChainError(ErrorCodes.Internal, "the EVIDENCE contract answered something other than a JSON object");
            }

            return new EvidenceRecord(
                Text(root, "id"),
                Text(root, "hash"),
                RawJson(root, "meta"),
                Text(root, "txId"),
                (ulong)Number(root, "blockHeight"),
                Number(root, "timestamp"),
                Text(root, "org"));
        }
        catch (JsonException e)
        {
            throw new ChainError(ErrorCodes.Internal, $"the EVIDENCE contract answered malformed JSON: {e.Message}", e);
        }
    }

    // The contract embeds metadata as JSON (null when absent): keep its exact text.
    private static string RawJson(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.GetRawText()
            : "";

    private static string Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
    }

    private static long Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        };
    }
}
