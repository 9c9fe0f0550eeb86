using System.Buffers.Binary;

namespace Chainweave.Core.Identity;

/// <summary>A 32-byte hash as a dictionary key that needs no allocation to build or compare.</summary>
internal readonly struct CertHashKey : IEquatable<CertHashKey>
{
    public const int Size = 32;

    private readonly ulong a;
    private readonly ulong b;
    private readonly ulong c;
    private readonly ulong d;

    /// <param name="hash">Exactly <see cref="Size"/> bytes.</param>
    public CertHashKey(ReadOnlySpan<byte> hash)
    {
        a = BinaryPrimitives.ReadUInt64LittleEndian(hash);
        b = BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]);
        c = BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]);
        d = BinaryPrimitives.ReadUInt64LittleEndian(hash[24..Size]);
    }

    public bool Equals(CertHashKey other) => a == other.a && b == other.b && c == other.c && d == other.d;

    public override bool Equals(object? obj) => obj is CertHashKey other && Equals(other);

    // HashCode is seeded per process, so chosen inputs cannot be ground into one bucket offline.
    public override int GetHashCode() => HashCode.Combine(a, b, c, d);
}
