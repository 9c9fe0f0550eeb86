using Chainweave.Api.Ledger;
using Chainweave.Core.Ledger;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// Checks a block this node did not build by building it again: the same transactions (each resolved
/// with the block's time), the same time, height, parent and proposer must give the same header hash.
/// </summary>
public sealed class BlockReexecutor
{
    private readonly TbftValidatorSet _validators;
    private readonly BlockAssembler _assembler;
    private readonly LedgerStore _ledger;
    private readonly ITxSource _source;
    private readonly LedgerStateReader _state;

    public BlockReexecutor(TbftValidatorSet validators, BlockAssembler assembler, LedgerStore ledger, ITxSource source)
    {
        _validators = validators;
        _assembler = assembler;
        _ledger = ledger;
        _source = source;
        _state = new LedgerStateReader(ledger);
    }

    /// <summary>The executed block (holding a copy of <paramref name="block"/> without certificate), or null with the reason.</summary>
    /// <param name="latestTimeMs">Proposals only: the latest block time this node's clock accepts; null for committed (synced) blocks.</param>
    public CommittedBlock? Execute(Block block, ReadOnlySpan<byte> expectedHash, long? latestTimeMs, out string reason)
    {
        ArgumentNullException.ThrowIfNull(block);
        var tip = _ledger.Tip;
        var previous = tip is null ? null : _ledger.GetBlock(tip.Height);
        if (tip is null || previous is null)
        {
            reason = "The ledger has no tip to build on.";
            return null;
        }

        BlockHeader header;
        try
        {
            header = BlockHeader.Parser.ParseFrom(block.Header);
        }
        catch (InvalidProtocolBufferException)
        {
            reason = "The block header cannot be decoded.";
            return null;
        }

        var previousTime = BlockHeader.Parser.ParseFrom(previous.Header).TimestampMs;
        reason = CheckHeader(header, tip, previousTime, block) ?? string.Empty;
        if (reason.Length > 0)
        {
            return null;
        }

        if (header.TimestampMs > latestTimeMs)
        {
            reason = "The block's time is too far ahead of this node's clock.";
            return null;
        }

        var txs = ResolveTxs(block, header.TimestampMs, out reason);
        if (txs is null)
        {
            return null;
        }

        var rebuilt = _assembler.AssembleUnsigned(header.Height, tip.Hash, header.TimestampMs, txs, _state, header.Proposer.ToByteArray(), block.Dag ?? new Dag());
        if (!rebuilt.Hash.AsSpan().SequenceEqual(expectedHash))
        {
            reason = "Re-executing the block gives another header: its results differ.";
            return null;
        }

        var copy = block.Clone();
        copy.Certificate = null;
        copy.Dag ??= new Dag();
        if (!copy.Dag.Equals(rebuilt.Block.Dag))
        {
            reason = "The block's dependency graph differs from the re-executed one.";
            return null;
        }

        return rebuilt with { Block = copy };
    }

    private string? CheckHeader(BlockHeader header, LedgerTip tip, long previousTime, Block block)
    {
        if (header.ChainId != _validators.ChainId)
        {
            return $"The block is for chain '{header.ChainId}'.";
        }

        if (header.Height != tip.Height + 1)
        {
            return $"The block has height {header.Height}; the next is {tip.Height + 1}.";
        }

        if (!header.PreviousHash.Span.SequenceEqual(tip.Hash))
        {
            return "The block's previous hash is not the hash of the last committed block.";
        }

        if (header.TimestampMs <= previousTime)
        {
            return "The block's time is not after the previous block's.";
        }

        if (_validators.IndexOf(header.Proposer) < 0)
        {
            return "The block's proposer is not a validator.";
        }

        return header.TxCount == (uint)block.Txs.Count ? null : "The block's tx count does not match its transactions.";
    }

    private List<PooledTx>? ResolveTxs(Block block, long timeMs, out string reason)
    {
        var resolved = BlockTxResolver.ResolveAll(_source, block, timeMs, out var invalid, out var code, out var message);
        if (resolved is null)
        {
            reason = $"Transaction {invalid} is invalid: {code} {message}";
            return null;
        }

        // The order-dependent checks run in block order.
        var txs = new List<PooledTx>(resolved.Length);
        var seen = new HashSet<TxKey>(resolved.Length);
        foreach (var tx in resolved)
        {
            if (!seen.Add(new TxKey(tx.TxId)))
            {
                reason = $"Transaction {Convert.ToHexStringLower(tx.TxId)} appears twice in the block.";
                return null;
            }

            if (_ledger.ContainsTx(tx.TxId))
            {
                reason = $"Transaction {Convert.ToHexStringLower(tx.TxId)} is already committed.";
                return null;
            }

            txs.Add(tx);
        }

        reason = string.Empty;
        return txs;
    }
}
