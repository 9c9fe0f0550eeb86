using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Consensus.Raft;
using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.SystemContracts;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tests.Raft;

/// <summary>Three members on loopback TCP ports free at start, one nist chain, evidence transactions.</summary>
internal sealed class RaftTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private const string ChainId = "raft-test";
    private readonly ICryptoSuite _suite = CryptoSuites.Get("nist");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cw-raft-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, PooledTx> _validTxs = new(StringComparer.Ordinal);
    private int _nextTx;

    /// <param name="adjust">Changes the options of member i (0-based), e.g. to give it TLS settings.</param>
    public RaftTestCluster(ILoggerFactory logs, Func<int, RaftOptions, RaftOptions>? adjust = null)
    {
        var signers = new[] { _suite.GenerateKey(), _suite.GenerateKey(), _suite.GenerateKey() };
        var config = new ChainConfig
        {
            ChainId = ChainId,
            Crypto = "nist",
            Consensus = "raft",
            IdentityMode = ChainDefaults.IdentityModeCert,
            Block = ChainDefaults.Block(),
            Tx = ChainDefaults.Tx(),
            GenesisTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        foreach (var signer in signers)
        {
            config.Validators.Add(ByteString.CopyFrom(_suite.Hash(signer.PublicKey.SubjectPublicKeyInfo)));
        }

        var basePort = FreePorts.FindBase();
        var endpoints = new[] { 0, 1, 2 }.Select(i => new IPEndPoint(IPAddress.Loopback, basePort + i)).ToArray();
        var raftOptions = new RaftOptions
        {
            // Roomier than production on a shared 2-core test machine, small log files.
            LowerElectionTimeoutMs = 250,
            UpperElectionTimeoutMs = 500,
            LogChunkBytes = 1 << 20,
        };
        Nodes = [.. endpoints.Select((endpoint, i) =>
            new RaftTestNode(config, _suite, signers[i], endpoint, endpoints, Path.Combine(_root, $"node{i + 1}"), adjust?.Invoke(i, raftOptions) ?? raftOptions, _validTxs, logs))];
    }

    public IReadOnlyList<RaftTestNode> Nodes { get; }

    public void StartAll()
    {
        foreach (var node in Nodes)
        {
            node.Start();
        }
    }

    /// <summary>New evidence transactions, handed to the pools of the given members (all when none are given).</summary>
    public IReadOnlyList<PooledTx> Submit(int count, params RaftTestNode[] to)
    {
        var txs = new List<PooledTx>(count);
        for (var i = 0; i < count; i++)
        {
            var tx = NewTx(Interlocked.Increment(ref _nextTx));
            _validTxs[Convert.ToHexString(tx.Envelope)] = tx;
            txs.Add(tx);
        }

        foreach (var node in to.Length == 0 ? Nodes : to)
        {
            node.Pool.Add(txs);
        }

        return txs;
    }

    /// <summary>The member whose node id proposed the block at this height.</summary>
    public RaftTestNode ProposerOf(RaftTestNode reader, ulong height)
    {
        var header = BlockHeader.Parser.ParseFrom(reader.Ledger.GetBlock(height)!.Header);
        return Nodes.Single(node => header.Proposer.Span.SequenceEqual(node.NodeId));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private PooledTx NewTx(int n)
    {
        var payload = new TxPayload
        {
            ChainId = ChainId,
            Type = TxType.Invoke,
            Contract = EvidenceContract.ContractName,
            Method = "put",
            Args =
            {
                new Arg { Key = "id", Value = ByteString.CopyFromUtf8($"evidence-{n}") },
                new Arg { Key = "hash", Value = ByteString.CopyFromUtf8("ab12cd34") },
            },
            TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Nonce = (ulong)n,
        };
        var payloadBytes = payload.ToByteArray();
        var envelope = new TxEnvelope { Payload = ByteString.CopyFrom(payloadBytes), Signature = ByteString.CopyFrom(Encoding.UTF8.GetBytes("unchecked")) };
        var sender = new SenderInfo("org1", "client", _suite.Hash(Encoding.UTF8.GetBytes("client.org1")));
        return new PooledTx(_suite.Hash(payloadBytes), envelope.ToByteArray(), payload, sender, null);
    }
}
