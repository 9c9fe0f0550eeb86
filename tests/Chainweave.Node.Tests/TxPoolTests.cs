using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.SystemContracts;
using Chainweave.Node.Chain;
using Chainweave.Node.Pool;
using Chainweave.Sdk;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Node.Tests;

/// <summary>The pool as consensus uses it: ordering, commits from elsewhere, returned batches, peers' proposals.</summary>
public sealed class TxPoolTests : IAsyncLifetime
{
    private TestNetwork _net = null!;
    private TxPool _pool = null!;
    private TransactionBuilder _builder = null!;
    private readonly RecordingGossip _gossip = new();

    public async Task InitializeAsync()
    {
        _net = await TestNetwork.StartAsync(start: false);
        var config = _net.Network.Genesis;
        var ledger = new LedgerStore(new MemoryKeyValueStore());
        var view = new LedgerChainView(ledger, config);
        var registry = new ContractRegistry([new EvidenceContract()]);
        var members = new MemberResolver(config, _net.Suite, view, view);
        _pool = new TxPool(config, _net.Suite, members, registry, ledger, TimeProvider.System, _gossip);
        _builder = _net.Builder();
    }

    public async Task DisposeAsync() => await _net.DisposeAsync();

    [Fact]
    public void Transactions_are_taken_oldest_first_and_a_returned_batch_goes_back_in_front()
    {
        var txs = Enumerable.Range(0, 5).Select(i => Evidence(i)).ToArray();
        foreach (var tx in txs)
        {
            Assert.True(_pool.Submit(tx.Envelope).Accepted);
        }

        var batch = new List<PooledTx>();
        _pool.TakeBatch(2, long.MaxValue, batch);
        Assert.Equal([txs[0].TxIdHex, txs[1].TxIdHex], batch.Select(t => Convert.ToHexStringLower(t.TxId)));
        Assert.Equal(3, _pool.Count);

        _pool.Requeue(batch);
        Assert.Equal(5, _pool.Count);
        var all = new List<PooledTx>();
        _pool.TakeBatch(10, long.MaxValue, all);
        Assert.Equal(txs.Select(t => t.TxIdHex), all.Select(t => Convert.ToHexStringLower(t.TxId)));
    }

    [Fact]
    public void A_block_committed_elsewhere_removes_its_transactions_from_the_queue()
    {
        var txs = Enumerable.Range(0, 3).Select(i => Evidence(i)).ToArray();
        foreach (var tx in txs)
        {
            _pool.Submit(tx.Envelope, fromPeer: true);
        }

        _pool.Committed([txs[1].TxId]);
        Assert.Equal(2, _pool.Count);
        var batch = new List<PooledTx>();
        _pool.TakeBatch(10, long.MaxValue, batch);
        Assert.Equal([txs[0].TxIdHex, txs[2].TxIdHex], batch.Select(t => Convert.ToHexStringLower(t.TxId)));

        // A committed transaction is not put back by a requeue of the batch that held it.
        _pool.Committed([txs[0].TxId]);
        _pool.Requeue(batch);
        Assert.Equal(1, _pool.Count);
    }

    [Fact]
    public void Only_transactions_from_clients_are_gossiped()
    {
        var mine = Evidence(1);
        var theirs = Evidence(2);
        _pool.Submit(mine.Envelope);
        _pool.Submit(theirs.Envelope, fromPeer: true);
        Assert.Equal([mine.TxIdHex], _gossip.Announced.Select(e => Convert.ToHexStringLower(_net.Suite.Hash(TxEnvelope.Parser.ParseFrom(e).Payload.Span))));
    }

    [Fact]
    public void Resolve_answers_a_pooled_transaction_and_checks_an_unknown_one_against_the_block_time()
    {
        var pooled = Evidence(1);
        _pool.Submit(pooled.Envelope);
        var known = _pool.Resolve(pooled.Envelope, 0, out _, out _);
        Assert.NotNull(known);
        Assert.Equal(pooled.TxId, known.TxId);

        var unknown = Evidence(2);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var resolved = _pool.Resolve(unknown.Envelope, now, out _, out _);
        Assert.NotNull(resolved);

        // Verified once: kept, so the same transaction arriving by gossip is a duplicate, not a second check.
        Assert.Equal(2, _pool.Count);
        Assert.Equal(ErrorCodes.DuplicateTx, _pool.Submit(unknown.Envelope, fromPeer: true).Code);

        var later = Evidence(3);

        Assert.Null(_pool.Resolve(later.Envelope, now + (long)TimeSpan.FromDays(1).TotalMilliseconds, out var code, out _));
        Assert.Equal(ErrorCodes.StaleTimestamp, code);
    }

    [Fact]
    public void Resolve_refuses_a_forged_signature()
    {
        var tx = Evidence(1);
        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);
        var signature = envelope.Signature.ToByteArray();
        signature[^1] ^= 1;
        envelope.Signature = ByteString.CopyFrom(signature);
        Assert.Null(_pool.Resolve(envelope.ToByteArray(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var code, out _));
        Assert.Contains(code, new[] { ErrorCodes.BadSignature, ErrorCodes.HighS, ErrorCodes.MalformedTx });
    }

    private SignedTransaction Evidence(int i) =>
        _builder.Invoke("EVIDENCE", "put", new Arg { Key = "id", Value = ByteString.CopyFromUtf8($"doc-{Guid.NewGuid():N}-{i}") }, new Arg { Key = "hash", Value = ByteString.CopyFrom(new byte[32]) });

    private sealed class RecordingGossip : ITxGossip
    {
        public List<byte[]> Announced { get; } = [];

        public void Announce(ReadOnlyMemory<byte> envelope) => Announced.Add(envelope.ToArray());
    }
}
