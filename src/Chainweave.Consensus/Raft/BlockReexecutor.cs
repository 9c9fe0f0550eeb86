using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// Re-executes a block this member did not build: resolves every transaction with the block's own
/// time (so every member decides alike), assembles the block again on the committed state and
/// demands the very same header bytes. The leader's block, with its certificate, is what is kept.
/// </summary>
internal sealed class BlockReexecutor
{
    private readonly ITxSource _source;
    private readonly BlockAssembler _assembler;
    private readonly LedgerStateReader _state;
    private readonly ISigner _signer;

    public BlockReexecutor(ITxSource source, BlockAssembler assembler, LedgerStore ledger, ISigner signer)
    {
        _source = source;
        _assembler = assembler;
        _state = new LedgerStateReader(ledger);
        _signer = signer;
    }

    /// <summary>The block ready to commit, or null with the reason it differs from what this member computes.</summary>
    public CommittedBlock? Rebuild(Block block, BlockHeader header, out string problem)
    {
        var txs = BlockTxResolver.ResolveAll(_source, block, header.TimestampMs, out var invalid, out var code, out var message);
        if (txs is null)
        {
            problem = $"transaction {invalid} of block {header.Height} is not admissible here: {code} {message}";
            return null;
        }

        var rebuilt = _assembler.Reassemble(
            header.Height, header.PreviousHash.ToByteArray(), header.TimestampMs, txs, _state, _signer, header.Proposer.ToByteArray(), block.Dag ?? new Dag());
        if (!rebuilt.Block.Header.Equals(block.Header))
        {
            problem = $"re-executing block {header.Height} gives a different header (tx root, results or config differ)";
            return null;
        }

        problem = string.Empty;
        return rebuilt with { Block = block };
    }
}
