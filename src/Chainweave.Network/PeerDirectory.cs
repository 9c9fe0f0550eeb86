using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Identity;
using Chainweave.Core.Ledger;

namespace Chainweave.Network;

/// <summary>A node of the chain as genesis lists it, with its consensus key ready to check signatures.</summary>
public sealed record PeerInfo(byte[] NodeId, string Name, string OrgId, string Address, IVerifier ConsensusKey)
{
    public string NodeIdHex { get; } = Convert.ToHexStringLower(NodeId);

    /// <summary>The common name its TLS certificate must carry.</summary>
    public string TlsCommonName => $"{Name}.{OrgId}";
}

/// <summary>Every node genesis names; who may connect, and where to dial.</summary>
public sealed class PeerDirectory
{
    private readonly Dictionary<TxKey, PeerInfo> _byId = [];

    public PeerDirectory(ChainConfig config, ICryptoSuite suite, ReadOnlySpan<byte> selfId)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(suite);
        var others = new List<PeerInfo>();
        foreach (var node in config.Nodes)
        {
            var spki = CertificateInfo.PublicKeyInfoOf(node.ConsensusCert.Span)
                ?? throw new ArgumentException($"genesis node {node.Name} has an unreadable consensus certificate", nameof(config));
            var info = new PeerInfo(node.NodeId.ToByteArray(), node.Name, node.OrgId, node.P2PAddress, suite.ImportPublicKey(spki));
            _byId[new TxKey(info.NodeId)] = info;
            if (!node.NodeId.Span.SequenceEqual(selfId))
            {
                others.Add(info);
            }
        }

        Others = others;
        ChainId = config.ChainId;
    }

    public string ChainId { get; }

    /// <summary>Every node but this one, in genesis order.</summary>
    public IReadOnlyList<PeerInfo> Others { get; }

    public PeerInfo? Find(ReadOnlySpan<byte> nodeId) => _byId.GetValueOrDefault(new TxKey(nodeId.ToArray()));
}
