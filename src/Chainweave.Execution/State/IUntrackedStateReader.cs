namespace Chainweave.Execution.State;

/// <summary>
/// A reader that can fetch a value without counting it as a read of the transaction. Only for values
/// whose every possible change is already tracked through another key: an installed contract's code is
/// addressed by its hash and found through its metadata, and whether the code is read at all depends
/// on a node's cache, so recording it would make the dependency graph differ between nodes.
/// </summary>
public interface IUntrackedStateReader
{
    byte[]? GetUntracked(string contract, ReadOnlySpan<byte> key);
}
