using System.Buffers.Binary;
using System.Security.Cryptography;
using Chainweave.Api.Ledger;
using Google.Protobuf;

namespace Chainweave.Sdk;

/// <summary>
/// Builds and signs transactions for one chain as one identity. The payload is encoded once and those
/// exact bytes are hashed (txId) and signed, so the node verifies what the client signed without
/// re-encoding. Immutable and thread-safe: load generators sign on every core with one builder.
/// </summary>
public sealed class TransactionBuilder
{
    public const ulong DefaultGasLimit = 10_000_000;

    private readonly string _chainId;
    private readonly ClientIdentity _identity;
    private readonly TimeProvider _clock;

    public TransactionBuilder(string chainId, ClientIdentity identity, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chainId);
        ArgumentNullException.ThrowIfNull(identity);
        _chainId = chainId;
        _identity = identity;
        _clock = clock ?? TimeProvider.System;
    }

    public string ChainId => _chainId;

    public ClientIdentity Identity => _identity;

    public ulong GasLimit { get; init; } = DefaultGasLimit;

    /// <summary>How long after its timestamp the transaction may still be included; zero leaves only the chain's timestamp window.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.Zero;

    public SignedTransaction Invoke(string contract, string method, params IReadOnlyList<Arg> args) =>
        Build(TxType.Invoke, contract, method, args);

    /// <summary>
    /// An invocation signed by the sender and endorsed by each of <paramref name="endorsers"/>: each signs
    /// the same payload bytes with its own key, as governed calls (contract lifecycle, chain config) need.
    /// </summary>
    public SignedTransaction InvokeEndorsed(string contract, string method, IReadOnlyList<Arg> args, IReadOnlyList<ClientIdentity> endorsers) =>
        Build(TxType.Invoke, contract, method, args, endorsers);

    public SignedTransaction Build(TxType type, string contract, string method, IReadOnlyList<Arg> args) =>
        Build(type, contract, method, args, []);

    public SignedTransaction Build(TxType type, string contract, string method, IReadOnlyList<Arg> args, IReadOnlyList<ClientIdentity> endorsers)
    {
        ArgumentException.ThrowIfNullOrEmpty(contract);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(endorsers);

        var timestampMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var payload = new TxPayload
        {
            ChainId = _chainId,
            Type = type,
            Contract = contract,
            Method = method,
            TimestampMs = timestampMs,
            ExpiryMs = Expiry > TimeSpan.Zero ? timestampMs + (long)Expiry.TotalMilliseconds : 0,
            GasLimit = GasLimit,
            Sender = _identity.Member,
            Nonce = RandomNonce(),
        };
        for (var i = 0; i < args.Count; i++)
        {
            payload.Args.Add(args[i]);
        }

        var payloadBytes = payload.ToByteArray();
        var envelope = new TxEnvelope
        {
            Payload = ByteString.CopyFrom(payloadBytes),
            Signature = ByteString.CopyFrom(_identity.Signer.Sign(payloadBytes)),
        };
        for (var i = 0; i < endorsers.Count; i++)
        {
            envelope.Endorsements.Add(Endorsements.Sign(payloadBytes, endorsers[i], _identity.Suite));
        }

        return new SignedTransaction(_identity.Suite.Hash(payloadBytes), payloadBytes, envelope.ToByteArray());
    }

    private static ulong RandomNonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
