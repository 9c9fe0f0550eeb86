namespace Chainweave.Execution.State;

/// <summary>Committed contract state, as of the last committed block.</summary>
public interface IStateReader
{
    byte[]? Get(string contract, ReadOnlySpan<byte> key);
}
