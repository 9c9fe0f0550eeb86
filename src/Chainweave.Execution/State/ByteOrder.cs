namespace Chainweave.Execution.State;

/// <summary>Unsigned lexicographic byte order, the order of state keys.</summary>
internal sealed class ByteOrder : IComparer<byte[]>
{
    public static ByteOrder Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    /// <summary>True when start &lt;= key &lt; end (an empty end = no bound).</summary>
    public static bool InRange(ReadOnlySpan<byte> key, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end) =>
        key.SequenceCompareTo(start) >= 0 && (end.Length == 0 || key.SequenceCompareTo(end) < 0);
}
