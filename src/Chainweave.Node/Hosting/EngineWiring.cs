using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Chainweave.Api.Config;
using Chainweave.Consensus;
using Chainweave.Consensus.Raft;
using Chainweave.Consensus.Tbft;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Network;
using Chainweave.Node.Chain;
using Chainweave.Node.Pool;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Node.Hosting;

/// <summary>Creates the consensus engine genesis names, with what each needs from the node.</summary>
internal static class EngineWiring
{
    public static IConsensusEngine Create(
        string home, NodeConfig node, ChainConfig config, ICryptoSuite suite, PeerNetwork? peers, TxPool pool, BlockAssembler assembler,
        LedgerStore ledger, ISigner signer, byte[] nodeId, CommitHub hub, TimeProvider clock, ILoggerFactory logs)
    {
        var maxTxs = (int)Math.Max(1, config.Block?.MaxTxs ?? 10_000);
        var maxBytes = (long)Math.Max(1u << 20, config.Block?.MaxBlockBytes ?? 64u << 20);
        switch (config.Consensus)
        {
            case "solo":
                return new SoloEngine(pool, assembler, ledger, signer, nodeId, hub, clock, maxTxs, maxBytes, logs.CreateLogger<SoloEngine>());
            case "tbft":
                var options = new TbftOptions
                {
                    WalFolder = Path.GetFullPath(Path.Combine(home, "consensus")),

                    // As CometBFT: the proposer needs time to build, sign and send a block of thousands of
                    // transactions; a validator that gives up sooner votes nil and the round is lost.
                    Timeouts = new TbftTimeouts { Propose = TimeSpan.FromSeconds(3) },
                    MaxTxsPerBlock = maxTxs,
                    MaxBlockBytes = maxBytes,
                };
                return new TbftEngine(config, suite, pool, assembler, ledger, signer, nodeId, hub, peers!, clock, options, logs.CreateLogger<TbftEngine>());
            case "raft":
                return CreateRaft(home, node, config, peers!, pool, assembler, ledger, signer, nodeId, hub, clock, maxTxs, maxBytes, logs);
            default:
                throw new ChainError(ErrorCodes.ConfigInvalid, $"Consensus '{config.Consensus}' is not one this node runs; genesis must say solo, tbft or raft.");
        }
    }

    private static RaftEngine CreateRaft(
        string home, NodeConfig node, ChainConfig config, PeerNetwork peers, TxPool pool, BlockAssembler assembler,
        LedgerStore ledger, ISigner signer, byte[] nodeId, CommitHub hub, TimeProvider clock, int maxTxs, long maxBytes, ILoggerFactory logs)
    {
        var members = new List<IPEndPoint>(config.Nodes.Count);
        IPEndPoint? self = null;
        foreach (var info in config.Nodes)
        {
            var endpoint = RaftEndpoint(info.P2PAddress);
            members.Add(endpoint);
            if (info.NodeId.Span.SequenceEqual(nodeId))
            {
                self = endpoint;
            }
        }

        var tls = PeerWiring.LoadTlsCertificate(home);
        bool Trusted(X509Certificate? certificate) =>
            certificate is not null && peers.Trust.Check(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), clock.GetUtcNow()) is null;
        var options = new RaftOptions
        {
            // Elections wait longer than DotNext's default: a TLS handshake on a loaded two-core machine can take a few hundred ms.
            LowerElectionTimeoutMs = 500,
            UpperElectionTimeoutMs = 1000,
            ServerTls = new SslServerAuthenticationOptions
            {
                ServerCertificate = tls,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(certificate),
            },
            ClientTls = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [tls],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(certificate),
            },
        };
        var folder = Path.GetFullPath(Path.Combine(home, "raft"));
        return new RaftEngine(self!, members, folder, pool, assembler, ledger, signer, nodeId, hub, clock, maxTxs, maxBytes, logs, options);
    }

    /// <summary>Blocks fetched by sync go through the TBFT engine, which checks the certificate and re-executes them.</summary>
    public static IBlockApplier? SyncApplier(IConsensusEngine engine) => engine is TbftEngine tbft ? new TbftSyncApplier(tbft) : null;

    /// <summary>Raft listens one port above the node's peer port (see docs/network-layout.md).</summary>
    private static IPEndPoint RaftEndpoint(string p2pAddress)
    {
        var colon = p2pAddress.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(p2pAddress.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, $"genesis.json has a node with p2p address '{p2pAddress}'; expected host:port.");
        }

        var host = p2pAddress[..colon];
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        return new IPEndPoint(address, port + 1);
    }
}

/// <summary>Maps the TBFT engine's sync answers onto the peer network's.</summary>
internal sealed class TbftSyncApplier(TbftEngine engine) : IBlockApplier
{
    public async Task<BlockApplyOutcome> ApplyAsync(Chainweave.Api.Ledger.Block block, bool moreFollow, CancellationToken cancellationToken)
    {
        var result = await engine.ApplyCommittedBlockAsync(block, moreFollow, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            SyncStatus.Applied => BlockApplyOutcome.Applied,
            SyncStatus.Invalid => BlockApplyOutcome.Invalid,
            _ => BlockApplyOutcome.NotNext,
        };
    }
}
