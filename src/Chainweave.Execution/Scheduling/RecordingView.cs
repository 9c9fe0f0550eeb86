using Chainweave.Execution.State;

namespace Chainweave.Execution.Scheduling;

/// <summary>Passes reads through to another view and records them in the transaction's access set.</summary>
internal sealed class RecordingView(IBlockView inner) : IBlockView, IUntrackedStateReader
{
    public TxAccess Access { get; } = new();

    public byte[]? Get(string contract, ReadOnlySpan<byte> key)
    {
        Access.Reads.Add(new StateKey(contract, key.ToArray()));
        return inner.Get(contract, key);
    }

    public byte[]? GetUntracked(string contract, ReadOnlySpan<byte> key) =>
        inner is IUntrackedStateReader untracked ? untracked.GetUntracked(contract, key) : inner.Get(contract, key);

    // A range read always collects the block's writes first, so the range is recorded here, once.
    public void CollectChanges(string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, IDictionary<byte[], byte[]?> into)
    {
        Access.AddRange(contract, start, end);
        inner.CollectChanges(contract, start, end, into);
    }

    public IEnumerable<(byte[] Key, byte[] Value)> ScanCommitted(string contract, byte[] fromKey, byte[]? toKey) =>
        inner.ScanCommitted(contract, fromKey, toKey);
}
