using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Core.Crypto;
using Chainweave.Core.Ledger;

namespace Chainweave.Node.Pool;

/// <summary>
/// Admission of many transactions at once: a pre-pass decodes them and checks all their senders' signatures
/// together (<see cref="SignatureBatch"/>: eight SM2 verifications per AVX-512 pass), then each goes through
/// the usual checks with that result in hand. The outcome of every transaction is the one-by-one outcome.
/// </summary>
public sealed partial class TxPool
{
    /// <summary>Submits transactions gossiped by a peer, as <see cref="Submit(ReadOnlyMemory{byte}, Action{byte[]}?, bool)"/> would one by one.</summary>
    public void SubmitMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, bool fromPeer)
    {
        var admissions = new Admission[envelopes.Length];
        SubmitMany(envelopes, [], admissions, fromPeer);
    }

    /// <summary>
    /// <see cref="Submit(ReadOnlyMemory{byte}, Action{byte[]}?, bool)"/> for each envelope, in order, with
    /// beforeQueued[i] for envelope i (an empty span: none) and its admission in admissions[i].
    /// </summary>
    public void SubmitMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, ReadOnlySpan<Action<byte[]>?> beforeQueued, Span<Admission> admissions, bool fromPeer)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var prechecked = Precheck(envelopes, now);
        for (var i = 0; i < envelopes.Length; i++)
        {
            admissions[i] = Submit(envelopes[i], now, prechecked[i], beforeQueued.IsEmpty ? null : beforeQueued[i], fromPeer);
        }
    }

    /// <inheritdoc />
    public void ResolveMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, long blockTimeMs, Span<PooledTx?> resolved, Span<string> errorCodes, Span<string> errorMessages)
    {
        var prechecked = Precheck(envelopes, blockTimeMs);
        for (var i = 0; i < envelopes.Length; i++)
        {
            resolved[i] = Resolve(envelopes[i], blockTimeMs, prechecked[i], out errorCodes[i], out errorMessages[i]);
        }
    }

    /// <summary>
    /// What the pre-pass learnt of one envelope: its decoding and transaction id, and its sender's signature checked
    /// with this verifier (the one-by-one check uses the result only if the sender still resolves to the same key).
    /// </summary>
    private sealed record Prechecked(TxEnvelope Envelope, TxPayload Payload, byte[] TxId, IVerifier Verifier, SignatureCheck SenderSignature);

    /// <summary>
    /// The pre-pass: null for an envelope the usual checks refuse before its signature (too large, malformed,
    /// unknown sender) or that the pool already holds, so that no signature is checked in vain.
    /// </summary>
    private Prechecked?[] Precheck(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, long nowMs)
    {
        var prechecked = new Prechecked?[envelopes.Length];
        var decoded = new (TxEnvelope Envelope, TxPayload Payload, byte[] TxId, int Index)[envelopes.Length];
        var jobs = new SignatureJob[envelopes.Length];
        var count = 0;
        for (var i = 0; i < envelopes.Length; i++)
        {
            if (envelopes[i].Length > _maxTxBytes || !TryDecode(envelopes[i], out var envelope, out var payload))
            {
                continue;
            }

            var txId = _suite.Hash(envelope.Payload.Span);
            if (_known.ContainsKey(new TxKey(txId)))
            {
                continue;
            }

            var resolution = _members.Resolve(payload.Sender, nowMs);
            if (!resolution.IsResolved)
            {
                continue;
            }

            decoded[count] = (envelope, payload, txId, i);
            jobs[count] = new SignatureJob(resolution.Member!.PublicKey, envelope.Payload.Memory, envelope.Signature.Memory);
            count++;
        }

        var results = new SignatureCheck[count];
        SignatureBatch.VerifyAll(jobs.AsSpan(0, count), results);
        for (var k = 0; k < count; k++)
        {
            var (envelope, payload, txId, index) = decoded[k];
            prechecked[index] = new Prechecked(envelope, payload, txId, jobs[k].Verifier, results[k]);
        }

        return prechecked;
    }
}
