using System.Collections.Concurrent;
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
public sealed partial class TxPool : ITxSource
{
    private readonly ChainConfig _config;
    private readonly ICryptoSuite _suite;
    private readonly MemberResolver _members;
    private readonly ContractRegistry _contracts;
    private readonly LedgerStateReader _committedState;
    private readonly LedgerStore _ledger;
    private readonly TimeProvider _clock;
    private readonly ITxGossip _gossip;
    private readonly PendingQueue _pending = new();
    private readonly ConcurrentDictionary<TxKey, PoolEntry> _known = BusyMaps.Create<TxKey, PoolEntry>();
    private readonly ConcurrentDictionary<TxKey, byte> _certsOnChain = new();
    /// <summary>More co-signers than any policy over a realistic consortium needs; bounds verification work per transaction.</summary>
    private const int MaxEndorsements = 64;

    private readonly long _windowMs;
    private readonly int _maxTxBytes;
    private readonly int _maxCount;
    private readonly long _maxBytes;

    public TxPool(ChainConfig config, ICryptoSuite suite, MemberResolver members, ContractRegistry contracts, LedgerStore ledger, TimeProvider clock, ITxGossip? gossip = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _suite = suite;
        _members = members;
        _contracts = contracts;
        _ledger = ledger;
        _committedState = new LedgerStateReader(ledger);
        _clock = clock;
        _gossip = gossip ?? new NoGossip();
        _windowMs = (long)(config.Tx?.TimestampWindowS ?? 600) * 1000;
        _maxTxBytes = (int)(config.Tx?.MaxTxBytes ?? 1 << 20);
        _maxCount = (int)(config.Tx?.PoolMaxTxs ?? 200_000);
        _maxBytes = (long)(config.Tx?.PoolMaxBytes ?? 512UL << 20);
    }

    public int Count => _pending.Count;

    public long Bytes => _pending.Bytes;

    /// <summary>
    /// Checks one encoded TxEnvelope and, if it passes, queues it for the next block. When given,
    /// <paramref name="beforeQueued"/> runs with the tx id after every check passed and just before the
    /// transaction becomes visible to block production. A transaction from a client is announced to
    /// the other nodes; one that came from a peer is not sent back out.
    /// </summary>
    public Admission Submit(ReadOnlyMemory<byte> envelopeBytes, Action<byte[]>? beforeQueued = null, bool fromPeer = false) =>
        Submit(envelopeBytes, _clock.GetUtcNow().ToUnixTimeMilliseconds(), prechecked: null, beforeQueued, fromPeer);

    private Admission Submit(ReadOnlyMemory<byte> envelopeBytes, long now, Prechecked? prechecked, Action<byte[]>? beforeQueued, bool fromPeer)
    {
        var admission = Check(envelopeBytes, now, prechecked, out var key, out var payload, out var member, out var endorsers);
        if (!admission.Accepted)
        {
            return admission;
        }

        admission = Enqueue(key, envelopeBytes, payload!, member!, endorsers, beforeQueued);
        if (admission.Accepted && !fromPeer)
        {
            _gossip.Announce(envelopeBytes);
        }

        return admission;
    }

    public Task WaitForTransactionsAsync(CancellationToken cancellationToken) => _pending.WaitAsync(cancellationToken);

    /// <summary>The oldest waiting transactions' envelopes, up to max, left in the pool.</summary>
    public IReadOnlyList<byte[]> PendingEnvelopes(int max) => _pending.Peek(max);

    public void TakeBatch(int maxTxs, long maxBytes, List<PooledTx> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _pending.Take(maxTxs, maxBytes, batch);
    }

    public void Committed(IReadOnlyList<byte[]> txIds)
    {
        ArgumentNullException.ThrowIfNull(txIds);
        for (var i = 0; i < txIds.Count; i++)
        {
            if (_known.TryRemove(new TxKey(txIds[i]), out var entry))
            {
                _pending.Remove(entry);
            }
        }
    }

    public void Requeue(IReadOnlyList<PooledTx> txs)
    {
        ArgumentNullException.ThrowIfNull(txs);
        var entries = new List<PoolEntry>(txs.Count);
        for (var i = 0; i < txs.Count; i++)
        {
            if (_known.TryGetValue(new TxKey(txs[i].TxId), out var entry))
            {
                entries.Add(entry);
            }
        }

        _pending.Return(entries, entry => _known.TryGetValue(new TxKey(entry.Tx.TxId), out var current) && ReferenceEquals(current, entry));
    }

    public PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, out string errorCode, out string errorMessage) =>
        Resolve(envelope, blockTimeMs, prechecked: null, out errorCode, out errorMessage);

    private PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, Prechecked? prechecked, out string errorCode, out string errorMessage)
    {
        var txId = prechecked?.TxId;
        if (txId is null && envelope.Length <= _maxTxBytes && TryDecode(envelope, out var fresh, out _))
        {
            txId = _suite.Hash(fresh.Payload.Span);
        }

        if (txId is not null && _known.TryGetValue(new TxKey(txId), out var known))
        {
            errorCode = errorMessage = string.Empty;
            return known.Tx;
        }

        var admission = Check(envelope, blockTimeMs, prechecked, out var key, out var payload, out var member, out var endorsers);
        if (!admission.Accepted && admission.Code == ErrorCodes.DuplicateTx && _known.TryGetValue(new TxKey(admission.TxId), out var arrived))
        {
            // Gossip admitted it between the lookup above and the check: the pool's copy is verified.
            errorCode = errorMessage = string.Empty;
            return arrived.Tx;
        }

        if (!admission.Accepted)
        {
            errorCode = admission.Code;
            errorMessage = admission.Message;
            return null;
        }

        // Keep what was just verified: the same transaction gossiped a moment later is then a cheap
        // duplicate instead of a second signature check, and if this block loses its round the
        // transaction is still here for the next one. A commit removes it as usual.
        errorCode = errorMessage = string.Empty;
        var entry = new PoolEntry(NewPooledTx(key, envelope, payload!, member!, endorsers));
        if (!_known.TryAdd(key, entry))
        {
            return _known.TryGetValue(key, out var raced) ? raced.Tx : entry.Tx;
        }

        _pending.Add(entry);
        return entry.Tx;
    }

    /// <summary>Every admission check but capacity, against the given time; a batch's pre-pass supplies the decoding and the sender's signature check.</summary>
    private Admission Check(ReadOnlyMemory<byte> envelopeBytes, long nowMs, Prechecked? prechecked, out TxKey key, out TxPayload? payload, out ResolvedMember? member, out IReadOnlyList<SenderInfo>? endorsers)
    {
        key = default;
        payload = null;
        member = null;
        endorsers = null;
        if (envelopeBytes.Length > _maxTxBytes)
        {
            return Admission.Reject(null, ErrorCodes.TxTooLarge, $"The transaction is {envelopeBytes.Length} bytes; this chain accepts at most {_maxTxBytes}.");
        }

        TxEnvelope envelope;
        TxPayload decoded;
        if (prechecked is not null)
        {
            (envelope, decoded) = (prechecked.Envelope, prechecked.Payload);
        }
        else if (!TryDecode(envelopeBytes, out envelope, out decoded))
        {
            return Admission.Reject(null, ErrorCodes.MalformedTx, "The transaction is not a valid encoded TxEnvelope with a TxPayload inside.");
        }

        var payloadBytes = envelope.Payload.Span;
        var txId = prechecked?.TxId ?? _suite.Hash(payloadBytes);
        var check = CheckPayload(decoded, nowMs);
        if (check is { } failure)
        {
            return failure with { TxId = txId };
        }

        key = new TxKey(txId);
        if (_known.ContainsKey(key) || _ledger.ContainsTx(txId))
        {
            return Admission.Reject(txId, ErrorCodes.DuplicateTx, "This transaction was already submitted; a transaction id is accepted once.");
        }

        var resolution = _members.Resolve(decoded.Sender, nowMs);
        if (!resolution.IsResolved)
        {
            return Admission.Reject(txId, resolution.ErrorCode!, resolution.ErrorMessage!);
        }

        var senderKey = resolution.Member!.PublicKey;
        var senderCheck = prechecked is not null && ReferenceEquals(prechecked.Verifier, senderKey)
            ? prechecked.SenderSignature
            : senderKey.Verify(payloadBytes, envelope.Signature.Span);
        var signature = SignatureFailure(senderCheck, txId, endorser: null);
        if (signature is { } badSignature)
        {
            return badSignature;
        }

        var endorsed = VerifyEndorsements(envelope, payloadBytes, nowMs, txId, out endorsers);
        if (endorsed is { } badEndorsement)
        {
            return badEndorsement;
        }

        payload = decoded;
        member = resolution.Member;
        return Admission.Accept(txId);
    }

    /// <summary>
    /// Every endorsement must name a valid member (checked like the sender) and sign the exact payload
    /// bytes; one bad endorsement refuses the transaction. Null when all pass, with their signers.
    /// </summary>
    private Admission? VerifyEndorsements(TxEnvelope envelope, ReadOnlySpan<byte> payloadBytes, long nowMs, byte[] txId, out IReadOnlyList<SenderInfo>? endorsers)
    {
        endorsers = null;
        var count = envelope.Endorsements.Count;
        if (count == 0)
        {
            return null;
        }

        if (count > MaxEndorsements)
        {
            return Admission.Reject(txId, ErrorCodes.MalformedTx, $"The transaction carries {count} endorsements; at most {MaxEndorsements} are accepted.");
        }

        var signers = new SenderInfo[count];
        for (var i = 0; i < count; i++)
        {
            var endorsement = envelope.Endorsements[i];
            if (endorsement.Signer is null)
            {
                return Admission.Reject(txId, ErrorCodes.UnknownMember, $"Endorsement {i + 1} names no signer.");
            }

            var resolution = _members.Resolve(endorsement.Signer, nowMs);
            if (!resolution.IsResolved)
            {
                return Admission.Reject(txId, resolution.ErrorCode!, $"Endorsement {i + 1}: {resolution.ErrorMessage}");
            }

            var endorser = resolution.Member!;
            var failure = SignatureFailure(endorser.PublicKey.Verify(payloadBytes, endorsement.Signature.Span), txId, $"endorsement {i + 1} ({endorser.OrgId})");
            if (failure is not null)
            {
                return failure;
            }

            signers[i] = new SenderInfo(endorser.OrgId, MemberRoles.Format(endorser.Role), endorser.CertHash.ToArray());
        }

        endorsers = signers;
        return null;
    }

    /// <summary>Null when the signature is valid; otherwise the refusal (<paramref name="endorser"/> names an endorser, null = the sender).</summary>
    private static Admission? SignatureFailure(SignatureCheck check, byte[] txId, string? endorser) => check switch
    {
        SignatureCheck.Valid => null,
        SignatureCheck.HighS => Admission.Reject(txId, ErrorCodes.HighS, $"The signature{(endorser is null ? string.Empty : " of " + endorser)} has a high S value; sign with low-S normalisation (s ≤ n/2)."),
        _ => Admission.Reject(txId, ErrorCodes.BadSignature, endorser is null
            ? "The signature does not match the payload and the sender's public key."
            : $"The signature of {endorser} does not match the payload and the endorser's public key."),
    };

    private Admission Enqueue(TxKey key, ReadOnlyMemory<byte> envelopeBytes, TxPayload payload, ResolvedMember member, IReadOnlyList<SenderInfo>? endorsers, Action<byte[]>? beforeQueued)
    {
        if (_pending.Count >= _maxCount || _pending.Bytes + envelopeBytes.Length > _maxBytes)
        {
            return Admission.Reject(key.Id, ErrorCodes.PoolFull, "The node's transaction pool is full; retry in a moment.");
        }

        var entry = new PoolEntry(NewPooledTx(key, envelopeBytes, payload, member, endorsers));
        if (!_known.TryAdd(key, entry))
        {
            return Admission.Reject(key.Id, ErrorCodes.DuplicateTx, "This transaction was already submitted; a transaction id is accepted once.");
        }

        beforeQueued?.Invoke(key.Id);
        _pending.Add(entry);
        return Admission.Accept(key.Id);
    }

    private PooledTx NewPooledTx(TxKey key, ReadOnlyMemory<byte> envelopeBytes, TxPayload payload, ResolvedMember member, IReadOnlyList<SenderInfo>? endorsers)
    {
        var certHash = member.CertHash.ToArray();
        byte[]? newCertificate = null;
        if (payload.Sender.Type == MemberType.Cert && !IsCertificateOnChain(certHash))
        {
            newCertificate = member.CertificateDer.ToArray();
        }

        var sender = new SenderInfo(member.OrgId, MemberRoles.Format(member.Role), certHash);
        return new PooledTx(key.Id, envelopeBytes.ToArray(), payload, sender, newCertificate, endorsers);
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

    private Admission? CheckPayload(TxPayload payload, long now)
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

        // Installed contracts count as of committed state. Only a system contract's methods are checked
        // here: an installed contract's may change with an upgrade (and it may be frozen or revoked)
        // before the block runs, so the executor decides, and every node decides alike.
        var system = _contracts.Find(payload.Contract);
        if (system is null)
        {
            return _contracts.Resolve(payload.Contract, _committedState).IsUnknown
                ? Admission.Reject(null, ErrorCodes.UnknownContract, $"There is no contract named '{payload.Contract}' on this chain.")
                : null;
        }

        if (!system.HasMethod(payload.Method))
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
