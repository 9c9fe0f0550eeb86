using System.Buffers.Binary;

namespace Chainweave.Core.Ledger;

/// <summary>
/// A transaction id as a dictionary key. Ids are hashes, so their first bytes are already uniform:
/// the hash code is read from them instead of being computed.
/// </summary>
public readonly struct TxKey : IEquatable<TxKey>
{
    public TxKey(byte[] id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
    }

    public byte[] Id { get; }

    public bool Equals(TxKey other) => Id.AsSpan().SequenceEqual(other.Id);

    public override bool Equals(object? obj) => obj is TxKey other && Equals(other);

    public override int GetHashCode() => Id.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(Id) : Id.Length;

    public override string ToString() => Convert.ToHexStringLower(Id);

    public static bool operator ==(TxKey left, TxKey right) => left.Equals(right);

    public static bool operator !=(TxKey left, TxKey right) => !left.Equals(right);
}
