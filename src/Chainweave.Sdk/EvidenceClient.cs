using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;

namespace Chainweave.Sdk;

/// <summary>The EVIDENCE system contract: store a content hash with metadata under an id, once; read it back.</summary>
public sealed class EvidenceClient
{
    public const string Contract = "EVIDENCE";

    private readonly ChainClient _client;
    private readonly TransactionBuilder? _builder;

    /// <param name="builder">Signs puts; may be null for a client that only reads.</param>
    public EvidenceClient(ChainClient client, TransactionBuilder? builder = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _builder = builder;
    }

    /// <summary>A signed `put` ready to submit (load generators pre-sign many).</summary>
    public static SignedTransaction BuildPut(TransactionBuilder builder, string id, string hashHex, string? metaJson)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Invoke(Contract, "put", PutArgs(id, hashHex, metaJson));
    }

    public static IReadOnlyList<Arg> PutArgs(string id, string hashHex, string? metaJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(hashHex);
        return string.IsNullOrEmpty(metaJson)
            ? [TxArgs.Utf8("id", id), TxArgs.Utf8("hash", hashHex)]
            : [TxArgs.Utf8("id", id), TxArgs.Utf8("hash", hashHex), TxArgs.Utf8("meta", metaJson)];
    }

    /// <summary>Submits a put; with wait the answer says whether it committed, its block height and result.</summary>
    public async Task<(SignedTransaction Transaction, SubmitResponse Response)> PutAsync(
        string id, string hashHex, string? metaJson, bool wait, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var builder = _builder ?? throw new InvalidOperationException("This EvidenceClient was created without a TransactionBuilder, so it cannot sign puts.");
        var transaction = BuildPut(builder, id, hashHex, metaJson);
        var response = await _client.SubmitAsync(transaction, wait, timeout ?? TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        return (transaction, response);
    }

    /// <summary>Reads a record; a missing id is ChainError(NOT_FOUND) from the contract.</summary>
    public async Task<EvidenceRecord> GetAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var value = await _client.QueryAsync(Contract, "get", [TxArgs.Utf8("id", id)], ct).ConfigureAwait(false);
        return EvidenceRecord.Parse(value);
    }
}
