using System.Security.Cryptography.X509Certificates;
using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;
using Chainweave.Network;
using Chainweave.Node.Pool;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Node.Hosting;

/// <summary>Builds the peer network of a node from its home folder: TLS identity, trust roots from genesis.</summary>
internal static class PeerWiring
{
    public static PeerNetwork Create(string home, ChainConfig config, ICryptoSuite suite, ISigner consensusKey, byte[] nodeId, LedgerStore ledger, IRevocationList revocations, TimeProvider clock, ILoggerFactory logs)
    {
        var directory = new PeerDirectory(config, suite, nodeId);
        if (directory.Find(nodeId) is null)
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, "This node's consensus key is not one of the nodes in genesis.json; the node home and genesis do not belong together.");
        }

        var trust = new TlsTrust(config, suite, revocations);
        return new PeerNetwork(directory, trust, consensusKey, nodeId, LoadTlsCertificate(home), ledger, new PeerNetworkOptions(), clock, logs);
    }

    public static X509Certificate2 LoadTlsCertificate(string home)
    {
        var keys = Path.Combine(home, NetworkLayout.KeysFolder);
        var certPath = Path.Combine(keys, NetworkLayout.TlsCertificateFileName);
        var keyPath = Path.Combine(keys, NetworkLayout.TlsKeyFileName);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The node's TLS identity ({certPath}, {keyPath}) is missing; the node home was not made by `chainweave init`.");
        }

        return X509Certificate2.CreateFromPem(File.ReadAllText(certPath), File.ReadAllText(keyPath));
    }
}

/// <summary>Transactions gossiped by peers enter the pool like a client's, but are not gossiped again.</summary>
internal sealed class PoolTxSink(TxPool pool) : IPeerTxSink
{
    public void Receive(ReadOnlyMemory<byte> envelope) => pool.Submit(envelope, beforeQueued: null, fromPeer: true);

    public void ReceiveMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes) => pool.SubmitMany(envelopes, fromPeer: true);

    public IReadOnlyList<byte[]> Pending(int max) => pool.PendingEnvelopes(max);
}
