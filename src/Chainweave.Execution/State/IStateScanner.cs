namespace Chainweave.Execution.State;

/// <summary>Ordered reads of committed state, for range queries.</summary>
public interface IStateScanner
{
    /// <summary>
    /// The contract's committed entries with <paramref name="fromKey"/> &lt;= key &lt; <paramref name="toKey"/>
    /// (null = no upper bound), in unsigned byte order, enumerated lazily.
    /// </summary>
    IEnumerable<(byte[] Key, byte[] Value)> Scan(string contract, byte[] fromKey, byte[]? toKey);
}
