namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>Unsigned lexicographic byte order, the order the host's range scan promises.</summary>
internal sealed class ByteOrder : IComparer<byte[]>
{
    public static ByteOrder Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
