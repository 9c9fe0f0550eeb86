using System.Text.Json;
using Chainweave.Core.Errors;

namespace Chainweave.Sdk;

/// <summary>An installed contract as CONTRACT_MANAGE `get` and `list` describe it.</summary>
/// <param name="CodeHash">Hex hash of the module bytes under the chain's suite.</param>
/// <param name="Status">As the chain reports it, e.g. "active", "frozen", "revoked".</param>
public sealed record ContractInfo(string Name, string Version, string CodeHash, string Status, IReadOnlyList<string> Methods)
{
    /// <summary>Reads `get`'s JSON object.</summary>
    public static ContractInfo Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json, "get");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ChainError(ErrorCodes.Internal, "CONTRACT_MANAGE.get answered something other than a JSON object");
        }

        return From(document.RootElement);
    }

    /// <summary>Reads `list`'s JSON array.</summary>
    public static IReadOnlyList<ContractInfo> ParseList(ReadOnlySpan<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json, "list");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new ChainError(ErrorCodes.Internal, "CONTRACT_MANAGE.list answered something other than a JSON array");
        }

        var contracts = new List<ContractInfo>(root.GetArrayLength());
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                contracts.Add(From(item));
            }
        }

        return contracts;
    }

    private static JsonDocument ParseDocument(ReadOnlySpan<byte> utf8Json, string method)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException e)
        {
            throw new ChainError(ErrorCodes.Internal, $"CONTRACT_MANAGE.{method} answered malformed JSON: {e.Message}", e);
        }
    }

    private static ContractInfo From(JsonElement item)
    {
        var methods = new List<string>();
        if (item.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var method in list.EnumerateArray())
            {
                if (method.ValueKind == JsonValueKind.String)
                {
                    methods.Add(method.GetString()!);
                }
            }
        }

        return new ContractInfo(Text(item, "name"), Text(item, "version"), Text(item, "codeHash"), Text(item, "status"), methods);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => value.GetRawText(),
            }
            : "";
}
