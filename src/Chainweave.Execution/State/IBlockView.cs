namespace Chainweave.Execution.State;

/// <summary>
/// The state one transaction executes against: committed state plus whatever earlier transactions of
/// the block it may see. The sequential, optimistic and dependency-graph runs each supply their own.
/// </summary>
public interface IBlockView : IStateReader
{
    /// <summary>Committed entries of a contract in [from, to) (null = no bound), in byte order, without the block's writes.</summary>
    IEnumerable<(byte[] Key, byte[] Value)> ScanCommitted(string contract, byte[] fromKey, byte[]? toKey);

    /// <summary>Adds the visible block writes of a contract in [start, end) (empty end = no bound) to <paramref name="into"/>; null values are deletions.</summary>
    void CollectChanges(string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, IDictionary<byte[], byte[]?> into);
}
