using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Ledger;
using Chainweave.Core.Merkle;
using Chainweave.Execution.Running;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Consensus;

/// <summary>
/// Turns an ordered batch of admitted transactions into a complete block: executes them, computes
/// the roots, encodes the header once (its bytes are what is hashed and signed) and gathers
/// everything the ledger writes in one batch.
/// </summary>
public sealed class BlockAssembler
{
    private readonly ChainConfig _config;
    private readonly ICryptoSuite _suite;
    private readonly BlockExecutor _executor;
    private readonly byte[] _configHash;
    private readonly byte[] _validatorsHash;

    public BlockAssembler(ChainConfig config, ICryptoSuite suite, BlockExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(suite);
        _config = config;
        _suite = suite;
        _executor = executor;
        _configHash = suite.Hash(config.ToByteArray());
        _validatorsHash = ValidatorsHash(config, suite);
    }

    public byte[] ConfigHash => _configHash;

    /// <summary>The block at height 0: no transactions, the config's hash, the genesis time.</summary>
    public CommittedBlock Genesis()
    {
        var dag = new Dag();
        var header = NewHeader(0, [], _config.GenesisTimeMs, [], [], [], dag);
        return Seal(header, dag, [], [], [], [], [], signer: null, proposer: []);
    }

    /// <summary>Executes txs on top of the committed state and seals the block with this node's commit vote.</summary>
    public CommittedBlock Assemble(
        ulong height,
        byte[] previousHash,
        long timeMs,
        IReadOnlyList<PooledTx> txs,
        IStateReader state,
        ISigner signer,
        byte[] proposer)
    {
        return AssembleCore(height, previousHash, timeMs, txs, state, signer, proposer, proposedDag: null);
    }

    /// <summary>
    /// Executes txs on top of the committed state and seals the block without any vote: BFT engines
    /// build (and re-execute) proposals this way and attach the commit certificate once it is decided.
    /// </summary>
    /// <param name="proposedDag">
    /// When re-executing a peer's block: its dependency graph, to run along. The sealed block carries the
    /// graph rebuilt from this node's run, so a wrong graph gives another header hash.
    /// </param>
    public CommittedBlock AssembleUnsigned(
        ulong height,
        byte[] previousHash,
        long timeMs,
        IReadOnlyList<PooledTx> txs,
        IStateReader state,
        byte[] proposer,
        Dag? proposedDag = null) =>
        AssembleCore(height, previousHash, timeMs, txs, state, signer: null, proposer, proposedDag);

    /// <summary>Re-executes a leader's block along its dependency graph and seals it with this node's vote (Raft followers).</summary>
    public CommittedBlock Reassemble(
        ulong height,
        byte[] previousHash,
        long timeMs,
        IReadOnlyList<PooledTx> txs,
        IStateReader state,
        ISigner signer,
        byte[] proposer,
        Dag proposedDag) =>
        AssembleCore(height, previousHash, timeMs, txs, state, signer, proposer, proposedDag);

    private CommittedBlock AssembleCore(
        ulong height,
        byte[] previousHash,
        long timeMs,
        IReadOnlyList<PooledTx> txs,
        IStateReader state,
        ISigner? signer,
        byte[] proposer,
        Dag? proposedDag)
    {
        ArgumentNullException.ThrowIfNull(txs);
        var executable = new ExecutableTx[txs.Count];
        var txIds = new byte[txs.Count][];
        var envelopes = new byte[txs.Count][];
        var certificates = new List<CertificateRecord>();
        HashSet<TxKey>? seenCerts = null;
        for (var i = 0; i < txs.Count; i++)
        {
            var tx = txs[i];
            executable[i] = new ExecutableTx(tx.TxId, tx.Payload, tx.Sender, tx.Endorsers);
            txIds[i] = tx.TxId;
            envelopes[i] = tx.Envelope;
            if (tx.NewCertificateDer is not null)
            {
                seenCerts ??= [];
                if (seenCerts.Add(new TxKey(tx.Sender.CertHash)))
                {
                    certificates.Add(new CertificateRecord(tx.Sender.CertHash, tx.NewCertificateDer));
                }
            }
        }

        var context = new BlockContext(height, timeMs);
        var output = proposedDag is null
            ? _executor.Execute(state, context, executable)
            : _executor.ExecuteAlongDag(state, context, executable, proposedDag);
        var encodedResults = new byte[output.Results.Count][];
        for (var i = 0; i < encodedResults.Length; i++)
        {
            encodedResults[i] = output.Results[i].ToByteArray();
        }

        var header = NewHeader(height, previousHash, timeMs, proposer, txIds, encodedResults, output.Dag);
        return Seal(header, output.Dag, envelopes, txIds, output.Results, output.Changes, certificates, signer, proposer);
    }

    private BlockHeader NewHeader(ulong height, byte[] previousHash, long timeMs, byte[] proposer, byte[][] txIds, byte[][] encodedResults, Dag dag)
    {
        return new BlockHeader
        {
            ChainId = _config.ChainId,
            Height = height,
            PreviousHash = ByteString.CopyFrom(previousHash),
            TimestampMs = timeMs,
            Proposer = ByteString.CopyFrom(proposer),
            TxRoot = ByteString.CopyFrom(MerkleTree.ComputeRoot(_suite, txIds)),
            ResultRoot = ByteString.CopyFrom(MerkleTree.ComputeRoot(_suite, encodedResults)),
            DagHash = ByteString.CopyFrom(_suite.Hash(dag.ToByteArray())),
            ValidatorsHash = ByteString.CopyFrom(_validatorsHash),
            NextValidatorsHash = ByteString.CopyFrom(_validatorsHash),
            TxCount = (uint)txIds.Length,
            ConfigHash = ByteString.CopyFrom(_configHash),
        };
    }

    private CommittedBlock Seal(
        BlockHeader header,
        Dag dag,
        byte[][] envelopes,
        byte[][] txIds,
        IReadOnlyList<TxResult> results,
        IReadOnlyList<StateWrite> writes,
        List<CertificateRecord> certificates,
        ISigner? signer,
        byte[] proposer)
    {
        var headerBytes = header.ToByteArray();
        var hash = _suite.Hash(headerBytes);
        var block = new Block { Header = ByteString.CopyFrom(headerBytes), Dag = dag };
        for (var i = 0; i < envelopes.Length; i++)
        {
            block.Txs.Add(UnsafeByteOperations.UnsafeWrap(envelopes[i]));
        }

        if (signer is not null)
        {
            var vote = CommitVote.SignedBytes(header.ChainId, header.Height, 0, hash);
            block.Certificate = new CommitCertificate
            {
                Height = header.Height,
                Round = 0,
                BlockHash = ByteString.CopyFrom(hash),
                Votes = { new Vote { Validator = ByteString.CopyFrom(proposer), Signature = ByteString.CopyFrom(signer.Sign(vote)) } },
            };
        }

        return new CommittedBlock(block, hash, header, txIds, results, writes, certificates);
    }

    private static byte[] ValidatorsHash(ChainConfig config, ICryptoSuite suite)
    {
        var list = new List<byte>();
        foreach (var validator in config.Validators)
        {
            list.AddRange(validator.ToByteArray());
        }

        return suite.Hash(list.ToArray());
    }
}
