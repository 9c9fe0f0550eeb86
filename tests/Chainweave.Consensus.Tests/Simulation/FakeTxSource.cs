using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Ledger;
using Chainweave.Execution.Contracts;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>
/// A transaction pool without signature checks: envelopes hold an unsigned payload, and every node
/// resolves them alike. Payloads whose nonce is in <see cref="RejectedNonces"/> fail Resolve, to make
/// invalid blocks.
/// </summary>
public sealed class FakeTxSource : ITxSource
{
    private static readonly SenderInfo Sender = new("org1", "client", [1, 2, 3, 4]);

    private readonly ICryptoSuite _suite;
    private readonly List<PooledTx> _pending = [];
    private readonly HashSet<TxKey> _committed = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTxSource(ICryptoSuite suite)
    {
        _suite = suite;
    }

    public HashSet<ulong> RejectedNonces { get; } = [];

    /// <summary>Called at each Resolve, e.g. to move the virtual clock as a slow signature check would.</summary>
    public Action? WhileResolving { get; set; }

    public int Count
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    public static byte[] EvidenceEnvelope(string chainId, string id, ulong nonce = 0)
    {
        var payload = new TxPayload
        {
            ChainId = chainId,
            Type = TxType.Invoke,
            Contract = "EVIDENCE",
            Method = "put",
            Args =
            {
                new Arg { Key = "id", Value = ByteString.CopyFromUtf8(id) },
                new Arg { Key = "hash", Value = ByteString.CopyFromUtf8("abcd") },
            },
            TimestampMs = TestChain.GenesisTime.ToUnixTimeMilliseconds(),
            Nonce = nonce,
        };
        return new TxEnvelope { Payload = payload.ToByteString() }.ToByteArray();
    }

    public void Add(byte[] envelope)
    {
        var tx = Resolve(envelope, 0, out _, out _) ?? throw new ArgumentException("The envelope does not resolve.", nameof(envelope));
        TaskCompletionSource arrived;
        lock (_pending)
        {
            if (_committed.Contains(new TxKey(tx.TxId)) || _pending.Exists(p => p.TxId.AsSpan().SequenceEqual(tx.TxId)))
            {
                return;
            }

            _pending.Add(tx);
            arrived = _arrived;
        }

        arrived.TrySetResult();
    }

    public async Task WaitForTransactionsAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_pending)
        {
            if (_pending.Count > 0)
            {
                return;
            }

            if (_arrived.Task.IsCompleted)
            {
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            wait = _arrived.Task;
        }

        await wait.WaitAsync(cancellationToken);
    }

    public void TakeBatch(int maxTxs, long maxBytes, List<PooledTx> batch)
    {
        lock (_pending)
        {
            var take = Math.Min(maxTxs, _pending.Count);
            batch.AddRange(_pending.GetRange(0, take));
            _pending.RemoveRange(0, take);
        }
    }

    public void Committed(IReadOnlyList<byte[]> txIds)
    {
        lock (_pending)
        {
            foreach (var id in txIds)
            {
                _committed.Add(new TxKey(id));
                _pending.RemoveAll(p => p.TxId.AsSpan().SequenceEqual(id));
            }
        }
    }

    public void Requeue(IReadOnlyList<PooledTx> txs)
    {
        lock (_pending)
        {
            var back = new List<PooledTx>();
            foreach (var tx in txs)
            {
                if (!_committed.Contains(new TxKey(tx.TxId)) && !_pending.Exists(p => p.TxId.AsSpan().SequenceEqual(tx.TxId)))
                {
                    back.Add(tx);
                }
            }

            _pending.InsertRange(0, back);
        }
    }

    public PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, out string errorCode, out string errorMessage)
    {
        errorCode = string.Empty;
        errorMessage = string.Empty;
        WhileResolving?.Invoke();
        TxPayload payload;
        byte[] payloadBytes;
        try
        {
            payloadBytes = TxEnvelope.Parser.ParseFrom(envelope.Span).Payload.ToByteArray();
            payload = TxPayload.Parser.ParseFrom(payloadBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            errorCode = "TX_MALFORMED";
            errorMessage = "not an envelope";
            return null;
        }

        if (RejectedNonces.Contains(payload.Nonce))
        {
            errorCode = "TX_BAD_SIGNATURE";
            errorMessage = "rejected by the test";
            return null;
        }

        return new PooledTx(_suite.Hash(payloadBytes), envelope.ToArray(), payload, Sender, null);
    }
}
