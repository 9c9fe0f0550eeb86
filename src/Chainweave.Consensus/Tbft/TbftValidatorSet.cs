using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Google.Protobuf;
using Org.BouncyCastle.X509;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// The validators of a chain, sorted by node id so that every node derives the same proposer order,
/// with the public key of each validator's consensus certificate for checking its signatures.
/// </summary>
public sealed class TbftValidatorSet
{
    private readonly ByteString[] _ids;
    private readonly IVerifier[] _verifiers;
    private readonly Dictionary<ByteString, int> _indexById;

    /// <exception cref="ChainError">CONFIG_INVALID when a validator has no node entry or its certificate does not match its node id.</exception>
    public TbftValidatorSet(ChainConfig config, ICryptoSuite suite)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(suite);
        if (config.Validators.Count == 0)
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, "The chain config names no validators; TBFT needs at least one.");
        }

        ChainId = config.ChainId;
        Suite = suite;
        var ids = new List<ByteString>(config.Validators);
        ids.Sort(static (a, b) => a.Span.SequenceCompareTo(b.Span));
        _ids = [.. ids];
        _verifiers = new IVerifier[_ids.Length];
        _indexById = new Dictionary<ByteString, int>(_ids.Length);
        for (var i = 0; i < _ids.Length; i++)
        {
            if (!_indexById.TryAdd(_ids[i], i))
            {
                throw new ChainError(ErrorCodes.ConfigInvalid, $"Validator {Convert.ToHexString(_ids[i].Span)} is listed twice in the chain config.");
            }

            _verifiers[i] = VerifierOf(config, suite, _ids[i]);
        }
    }

    public string ChainId { get; }

    public ICryptoSuite Suite { get; }

    public int Count => _ids.Length;

    /// <summary>Most validators that may be faulty: f of n = 3f+1.</summary>
    public int MaxFaulty => (_ids.Length - 1) / 3;

    /// <summary>Votes that make a decision: more than two thirds (2f+1 when n = 3f+1).</summary>
    public int Quorum => (_ids.Length * 2 / 3) + 1;

    /// <summary>Validators of which at least one is correct: more than one third (f+1).</summary>
    public int OneCorrect => (_ids.Length / 3) + 1;

    public ByteString IdAt(int index) => _ids[index];

    public IVerifier VerifierAt(int index) => _verifiers[index];

    /// <summary>The index in the sorted list, or -1 for a node that is not a validator.</summary>
    public int IndexOf(ByteString nodeId) => nodeId is not null && _indexById.TryGetValue(nodeId, out var index) ? index : -1;

    public int IndexOf(ReadOnlySpan<byte> nodeId) => IndexOf(ByteString.CopyFrom(nodeId));

    /// <summary>Round-robin over the sorted list, shifted by height so that round 0 rotates too.</summary>
    public int ProposerIndex(ulong height, int round) => (int)((height + (ulong)round) % (ulong)_ids.Length);

    private static IVerifier VerifierOf(ChainConfig config, ICryptoSuite suite, ByteString nodeId)
    {
        foreach (var node in config.Nodes)
        {
            if (!node.NodeId.Equals(nodeId))
            {
                continue;
            }

            var spki = SubjectPublicKeyInfoOf(node.ConsensusCert.Span)
                ?? throw new ChainError(ErrorCodes.ConfigInvalid, $"Node '{node.Name}' has no readable consensus certificate.");
            if (!suite.Hash(spki).AsSpan().SequenceEqual(nodeId.Span))
            {
                throw new ChainError(ErrorCodes.ConfigInvalid, $"Node '{node.Name}': its node id is not the hash of its consensus certificate's public key.");
            }

            return suite.ImportPublicKey(spki);
        }

        throw new ChainError(ErrorCodes.ConfigInvalid, $"Validator {Convert.ToHexString(nodeId.Span)} has no node entry with a consensus certificate.");
    }

    private static byte[]? SubjectPublicKeyInfoOf(ReadOnlySpan<byte> certificateDer)
    {
        if (certificateDer.IsEmpty)
        {
            return null;
        }

        try
        {
            var certificate = new X509CertificateParser().ReadCertificate(certificateDer.ToArray());
            return certificate?.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        }
#pragma warning disable CA1031 // BouncyCastle throws many unrelated exception types on malformed input.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
