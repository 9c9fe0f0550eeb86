using System.Text;
using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// ChainMaker's headline workload: an evidence record (id, content hash, metadata JSON) is written
/// once and never overwritten, then read back by id.
/// </summary>
public sealed class EvidenceContract : IContract
{
    public const string ContractName = "EVIDENCE";
    public const int MaxIdBytes = 256;
    public const int MaxHashHexChars = 128;
    public const int MaxMetaBytes = 4096;

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "put" or "get";

    public bool IsReadOnly(string method) => method == "get";

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        return method switch
        {
            "put" => Put(context, args),
            "get" => Get(context, args),
            _ => ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract EVIDENCE has no method '{method}'."),
        };
    }

    private static ContractResponse Put(IContractContext context, IReadOnlyList<Arg> args)
    {
        var id = ArgList.Find(args, "id");
        if (id is null || id.Length == 0 || id.Length > MaxIdBytes)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, $"Argument 'id' is required and must be 1 to {MaxIdBytes} bytes.");
        }

        var hash = ArgList.FindString(args, "hash");
        if (hash is null || !IsHex(hash))
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, $"Argument 'hash' must be an even number of hex digits, at most {MaxHashHexChars}.");
        }

        var meta = ArgList.Find(args, "meta") ?? [];
        if (meta.Length > MaxMetaBytes)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, $"Argument 'meta' is {meta.Length} bytes; the limit is {MaxMetaBytes}.");
        }

        if (meta.Length > 0 && !IsJson(meta))
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'meta' must be valid JSON.");
        }

        if (context.GetState(id) is not null)
        {
            return ContractResponse.Error(ErrorCodes.EvidenceExists, $"Evidence '{Encoding.UTF8.GetString(id)}' already exists; an evidence record is written once.");
        }

        var record = EvidenceRecord.Encode(id, hash.ToLowerInvariant(), meta, context);
        context.PutState(id, record);
        context.Emit("evidence.put", [id]);
        return ContractResponse.Success();
    }

    private static ContractResponse Get(IContractContext context, IReadOnlyList<Arg> args)
    {
        var id = ArgList.Find(args, "id");
        if (id is null || id.Length == 0 || id.Length > MaxIdBytes)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, $"Argument 'id' is required and must be 1 to {MaxIdBytes} bytes.");
        }

        var record = context.GetState(id);
        return record is null
            ? ContractResponse.Error(ErrorCodes.NotFound, $"No evidence with id '{Encoding.UTF8.GetString(id)}'.")
            : ContractResponse.Success(record);
    }

    private static bool IsHex(string text)
    {
        if (text.Length == 0 || text.Length > MaxHashHexChars || text.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsJson(byte[] meta)
    {
        var reader = new Utf8JsonReader(meta, new JsonReaderOptions { MaxDepth = 32 });
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed == meta.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
