using System.Collections.Concurrent;
using System.Threading.Channels;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Chainweave.Core.Ledger;
using Chainweave.Execution.Contracts;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Node.Pool;

/// <summary>
/// Admits transactions: every check a block would need is done here, once per transaction, so block
/// production never verifies a signature again. Bounded in count and bytes; a transaction id is
/// known from admission until it is committed, and after that the ledger refuses it.
/// </summary>
public sealed class TxPool : ITxSource
{
    private readonly ChainConfig _config;
    private readonly ICryptoSuite _suite;
    private readonly MemberResolver _members;
    private readonly ContractRegistry _contracts;
    private readonly LedgerStore _ledger;
    private readonly TimeProvider _clock;
    private readonly Channel<PooledTx> _queue = Channel.CreateUnbounded<PooledTx>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<TxKey, byte> _known = BusyMaps.Create<TxKey, byte>();
    private readonly ConcurrentDictionary<TxKey, byte> _certsOnChain = new();
    private readonly long _windowMs;
    private readonly int _maxTxBytes;
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;

    public TxPool(ChainConfig config, ICryptoSuite suite, MemberResolver members, ContractRegistry contracts, LedgerStore ledger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _suite = suite;
        _members = members;
        _contracts = contracts;
        _ledger = ledger;
        _clock = clock;
        _windowMs = (long)(config.Tx?.TimestampWindowS ?? 600) * 1000;
        _maxTxBytes = (int)(config.Tx?.MaxTxBytes ?? 1 << 20);
        _maxCount = (int)(config.Tx?.PoolMaxTxs ?? 200_000);
        _maxBytes = (long)(config.Tx?.PoolMaxBytes ?? 512UL << 20);
    }

    public int Count => Volatile.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Checks one encoded TxEnvelope and, if it passes, queues it for the next block. When given,
    /// <paramref name="beforeQueued"/> runs with the tx id after every check passed and just before the
    /// transaction becomes visible to block production.
    /// </summary>
    public Admission Submit(ReadOnlyMemory<byte> envelopeBytes, Action<byte[]>? beforeQueued = null)
    {
        if (envelopeBytes.Length > _maxTxBytes)
        {
            return Admission.Reject(null, ErrorCodes.TxTooLarge, $"The transaction is {envelopeBytes.Length} bytes; this chain accepts at most {_maxTxBytes}.");
        }

        if (!TryDecode(envelopeBytes, out var envelope, out var payload))
        {
            return Admission.Reject(null, ErrorCodes.MalformedTx, "The transaction is not a valid encoded TxEnvelope with a TxPayload inside.");
        }

        var payloadBytes = envelope.Payload.Span;
        var txId = _suite.Hash(payloadBytes);
        var check = CheckPayload(payload);
        if (check is { } failure)
        {
            return failure with { TxId = txId };
        }

        var key = new TxKey(txId);
        if (_known.ContainsKey(key) || _ledger.ContainsTx(txId))
        {
            return Admission.Reject(txId, ErrorCodes.DuplicateTx, "This transaction was already submitted; a transaction id is accepted once.");
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var resolution = _members.Resolve(payload.Sender, now);
        if (!resolution.IsResolved)
        {
            return Admission.Reject(txId, resolution.ErrorCode!, resolution.ErrorMessage!);
        }

        var member = resolution.Member!;
        switch (member.PublicKey.Verify(payloadBytes, envelope.Signature.Span))
        {
            case SignatureCheck.Valid:
                break;
            case SignatureCheck.HighS:
                return Admission.Reject(txId, ErrorCodes.HighS, "The signature has a high S value; sign with low-S normalisation (s ≤ n/2).");
            default:
                return Admission.Reject(txId, ErrorCodes.BadSignature, "The signature does not match the payload and the sender's public key.");
        }

        return Enqueue(key, envelopeBytes, payload, member, beforeQueued);
    }

    public Task WaitForTransactionsAsync(CancellationToken cancellationToken) =>
        _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();

    public void TakeBatch(int maxTxs, long maxBytes, List<PooledTx> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long bytes = 0;
        while (batch.Count < maxTxs && bytes < maxBytes && _queue.Reader.TryRead(out var tx))
        {
            batch.Add(tx);
            bytes += tx.Envelope.Length;
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -tx.Envelope.Length);
        }
    }

    public void Committed(IReadOnlyList<byte[]> txIds)
    {
        ArgumentNullException.ThrowIfNull(txIds);
        for (var i = 0; i < txIds.Count; i++)
        {
            _known.TryRemove(new TxKey(txIds[i]), out _);
        }
    }

    public void Requeue(IReadOnlyList<PooledTx> txs) => throw new NotSupportedException("pending");

    public PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, out string errorCode, out string errorMessage) => throw new NotSupportedException("pending");

    private Admission Enqueue(TxKey key, ReadOnlyMemory<byte> envelopeBytes, TxPayload payload, ResolvedMember member, Action<byte[]>? beforeQueued)
    {
        if (Volatile.Read(ref _count) >= _maxCount || Interlocked.Read(ref _bytes) + envelopeBytes.Length > _maxBytes)
        {
            return Admission.Reject(key.Id, ErrorCodes.PoolFull, "The node's transaction pool is full; retry in a moment.");
        }

        if (!_known.TryAdd(key, 0))
        {
            return Admission.Reject(key.Id, ErrorCodes.DuplicateTx, "This transaction was already submitted; a transaction id is accepted once.");
        }

        var certHash = member.CertHash.ToArray();
        byte[]? newCertificate = null;
        if (payload.Sender.Type == MemberType.Cert && !IsCertificateOnChain(certHash))
        {
            newCertificate = member.CertificateDer.ToArray();
        }

        var sender = new SenderInfo(member.OrgId, MemberRoles.Format(member.Role), certHash);
        beforeQueued?.Invoke(key.Id);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytes, envelopeBytes.Length);
        _queue.Writer.TryWrite(new PooledTx(key.Id, envelopeBytes.ToArray(), payload, sender, newCertificate));
        return Admission.Accept(key.Id);
    }

    private bool IsCertificateOnChain(byte[] certHash)
    {
        var key = new TxKey(certHash);
        if (_certsOnChain.ContainsKey(key))
        {
            return true;
        }

        if (_ledger.GetCertificate(certHash) is null)
        {
            return false;
        }

        _certsOnChain.TryAdd(key, 0);
        return true;
    }

    private Admission? CheckPayload(TxPayload payload)
    {
        if (!string.Equals(payload.ChainId, _config.ChainId, StringComparison.Ordinal))
        {
            return Admission.Reject(null, ErrorCodes.WrongChain, $"The transaction is for chain '{payload.ChainId}', but this node runs chain '{_config.ChainId}'.");
        }

        if (payload.Type != TxType.Invoke)
        {
            return Admission.Reject(null, ErrorCodes.MalformedTx, $"Transaction type {payload.Type} cannot be submitted; send queries through Query.");
        }

        if (payload.Sender is null)
        {
            return Admission.Reject(null, ErrorCodes.UnknownMember, "The transaction names no sender.");
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (payload.TimestampMs < now - _windowMs)
        {
            return Admission.Reject(null, ErrorCodes.StaleTimestamp, $"The transaction's timestamp is more than {_windowMs / 1000} s in the past; sign it again with the current time.");
        }

        if (payload.TimestampMs > now + _windowMs)
        {
            return Admission.Reject(null, ErrorCodes.FutureTimestamp, $"The transaction's timestamp is more than {_windowMs / 1000} s in the future; check the client's clock.");
        }

        if (payload.ExpiryMs != 0 && payload.ExpiryMs < now)
        {
            return Admission.Reject(null, ErrorCodes.TxExpired, "The transaction expired before it reached the node.");
        }

        var contract = _contracts.Find(payload.Contract);
        if (contract is null)
        {
            return Admission.Reject(null, ErrorCodes.UnknownContract, $"There is no contract named '{payload.Contract}' on this chain.");
        }

        if (!contract.HasMethod(payload.Method))
        {
            return Admission.Reject(null, ErrorCodes.UnknownMethod, $"Contract '{payload.Contract}' has no method '{payload.Method}'.");
        }

        return null;
    }

    private static bool TryDecode(ReadOnlyMemory<byte> bytes, out TxEnvelope envelope, out TxPayload payload)
    {
        try
        {
            envelope = TxEnvelope.Parser.ParseFrom(bytes.Span);
            payload = TxPayload.Parser.ParseFrom(envelope.Payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            envelope = null!;
            payload = null!;
            return false;
        }
    }
}
