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

/// <summary>
/// Batches of transactions (a peer's gossip, a block's) have their signatures checked together; the outcome
/// of each must stay what checking it alone gives, whatever else is in the batch.
/// </summary>
public sealed class TxPoolBatchTests
{
    [Theory]
    [InlineData("sm")]
    [InlineData("nist")]
    public async Task Gossiped_transactions_checked_together_are_admitted_or_refused_as_one_by_one(string crypto)
    {
        await using var net = await TestNetwork.StartAsync(crypto, start: false);
        var builder = net.Builder();
        var (batch, expectedAdmitted) = MixedBatch(builder, 40);

        var together = NewPool(net);
        together.SubmitMany(batch.Select(e => (ReadOnlyMemory<byte>)e).ToArray(), fromPeer: true);
        var alone = NewPool(net);
        foreach (var envelope in batch)
        {
            alone.Submit(envelope, fromPeer: true);
        }

        Assert.Equal(expectedAdmitted, PendingIds(alone));
        Assert.Equal(expectedAdmitted, PendingIds(together));
    }

    [Theory]
    [InlineData("sm")]
    [InlineData("nist")]
    public async Task A_block_resolved_together_reports_the_same_transactions_and_reasons_as_one_by_one(string crypto)
    {
        await using var net = await TestNetwork.StartAsync(crypto, start: false);
        var builder = net.Builder();
        var (batch, _) = MixedBatch(builder, 40);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // Some of the block's transactions are already in the pool (arrived by gossip), the rest are new.
        var together = NewPool(net);
        var alone = NewPool(net);
        foreach (var pool in new[] { together, alone })
        {
            pool.Submit(batch[0], fromPeer: true);
            pool.Submit(batch[5], fromPeer: true);
        }

        var envelopes = batch.Select(e => (ReadOnlyMemory<byte>)e).ToArray();
        var resolved = new PooledTx?[envelopes.Length];
        var codes = new string[envelopes.Length];
        var messages = new string[envelopes.Length];
        together.ResolveMany(envelopes, now, resolved, codes, messages);
        for (var i = 0; i < envelopes.Length; i++)
        {
            var single = alone.Resolve(envelopes[i], now, out var code, out var message);
            Assert.Equal(single?.TxId, resolved[i]?.TxId);
            Assert.Equal(code, codes[i]);
            Assert.Equal(message, messages[i]);
        }

        Assert.Contains(ErrorCodes.BadSignature, codes);
        Assert.Contains(ErrorCodes.MalformedTx, codes);
    }

    /// <summary>
    /// Valid transactions with, among them, forged signatures (a flipped bit in the signature, or in the
    /// payload after signing), an envelope that does not decode and a repeat; with the ids that must be admitted.
    /// </summary>
    private static (byte[][] Batch, string[] Admitted) MixedBatch(TransactionBuilder builder, int count)
    {
        var batch = new List<byte[]>();
        var admitted = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var tx = builder.Invoke("EVIDENCE", "put", new Arg { Key = "id", Value = ByteString.CopyFromUtf8($"doc-{Guid.NewGuid():N}") }, new Arg { Key = "hash", Value = ByteString.CopyFrom(new byte[32]) });
            switch (i % 10)
            {
                case 3:
                    var forged = TxEnvelope.Parser.ParseFrom(tx.Envelope);
                    var signature = forged.Signature.ToByteArray();
                    signature[^3] ^= 0x10;
                    forged.Signature = ByteString.CopyFrom(signature);
                    batch.Add(forged.ToByteArray());
                    break;
                case 7:
                    var tampered = TxEnvelope.Parser.ParseFrom(tx.Envelope);
                    var payload = TxPayload.Parser.ParseFrom(tampered.Payload);
                    payload.Nonce++;
                    tampered.Payload = payload.ToByteString();
                    batch.Add(tampered.ToByteArray());
                    break;
                case 9:
                    batch.Add([0x0A, 0xFF, 0x01]);
                    break;
                default:
                    batch.Add(tx.Envelope);
                    admitted.Add(tx.TxIdHex);
                    break;
            }
        }

        batch.Add(batch[0]);
        return ([.. batch], [.. admitted]);
    }

    private static TxPool NewPool(TestNetwork net)
    {
        var config = net.Network.Genesis;
        var ledger = new LedgerStore(new MemoryKeyValueStore());
        var view = new LedgerChainView(ledger, config);
        var members = new MemberResolver(config, net.Suite, view, view);
        return new TxPool(config, net.Suite, members, new ContractRegistry([new EvidenceContract()]), ledger, TimeProvider.System);
    }

    private static string[] PendingIds(TxPool pool)
    {
        var all = new List<PooledTx>();
        pool.TakeBatch(int.MaxValue, long.MaxValue, all);
        return [.. all.Select(t => Convert.ToHexStringLower(t.TxId))];
    }
}
