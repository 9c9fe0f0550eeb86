using System.Buffers;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Merkle;

/// <summary>
/// RFC 6962 / RFC 9162 Merkle trees over a suite's hash: leaf = H(0x00 || data), node = H(0x01 || left || right),
/// empty tree = H(""), split at the largest power of two below n.
/// </summary>
/// <remarks>
/// Hashing level by level, pairing neighbours and lifting an odd last node unchanged to the next level,
/// builds exactly the RFC's left-balanced tree; it lets one pooled buffer hold every level in place.
/// </remarks>
public static class MerkleTree
{
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;
    private const int MaxHashSize = 64;
    private const int StackLeafLimit = 256;

    public static byte[] ComputeRoot(ICryptoSuite suite, IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(leaves);
        int hashSize = CheckedHashSize(suite);
        if (leaves.Count == 0)
        {
            return suite.Hash([]);
        }

        int levelBytes = checked(leaves.Count * hashSize);
        byte[] level = ArrayPool<byte>.Shared.Rent(levelBytes);
        try
        {
            HashLeaves(suite, leaves, level.AsSpan(0, levelBytes));
            int count = leaves.Count;
            while (count > 1)
            {
                count = HashLevel(suite, level, count, hashSize);
            }

            return level.AsSpan(0, hashSize).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(level);
        }
    }

    public static MerkleAuditPath CreateProof(ICryptoSuite suite, IReadOnlyList<byte[]> leaves, int index)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        int hashSize = CheckedHashSize(suite);

        var path = new List<byte[]>();
        int levelBytes = checked(leaves.Count * hashSize);
        byte[] level = ArrayPool<byte>.Shared.Rent(levelBytes);
        try
        {
            HashLeaves(suite, leaves, level.AsSpan(0, levelBytes));
            int count = leaves.Count;
            int position = index;
            while (count > 1)
            {
                int sibling = position ^ 1;

                // A node without a sibling (the odd last one) is lifted as it is and adds nothing to the path.
                if (sibling < count)
                {
                    path.Add(level.AsSpan(sibling * hashSize, hashSize).ToArray());
                }

                count = HashLevel(suite, level, count, hashSize);
                position >>= 1;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(level);
        }

        return new MerkleAuditPath(index, leaves.Count, path);
    }

    /// <summary>Checks an inclusion proof by the algorithm of RFC 9162 section 2.1.3.2; false on any malformed input.</summary>
    public static bool VerifyProof(ICryptoSuite suite, ReadOnlySpan<byte> leaf, long index, long treeSize, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(suite);
        int hashSize = CheckedHashSize(suite);
        if (path is null || index < 0 || index >= treeSize || root.Length != hashSize)
        {
            return false;
        }

        Span<byte> node = stackalloc byte[1 + (2 * hashSize)];
        node[0] = NodePrefix;
        var left = node.Slice(1, hashSize);
        var right = node.Slice(1 + hashSize, hashSize);
        Span<byte> current = stackalloc byte[hashSize];
        HashLeaf(suite, leaf, current);

        long fn = index;
        long sn = treeSize - 1;
        for (int i = 0; i < path.Count; i++)
        {
            byte[]? sibling = path[i];
            if (sibling is null || sibling.Length != hashSize || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                sibling.CopyTo(left);
                current.CopyTo(right);
                suite.Hash(node, current);

                // Skip the levels where this subtree was lifted without a sibling.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                current.CopyTo(left);
                sibling.CopyTo(right);
                suite.Hash(node, current);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && current.SequenceEqual(root);
    }

    private static int CheckedHashSize(ICryptoSuite suite)
    {
        int hashSize = suite.HashSize;
        if (hashSize is <= 0 or > MaxHashSize)
        {
            throw new ArgumentException($"Hash size {hashSize} is outside 1..{MaxHashSize}.", nameof(suite));
        }

        return hashSize;
    }

    private static void HashLeaves(ICryptoSuite suite, IReadOnlyList<byte[]> leaves, Span<byte> hashes)
    {
        int hashSize = suite.HashSize;
        int longest = 0;
        for (int i = 0; i < leaves.Count; i++)
        {
            longest = Math.Max(longest, leaves[i].Length);
        }

        byte[] prefixed = ArrayPool<byte>.Shared.Rent(longest + 1);
        try
        {
            prefixed[0] = LeafPrefix;
            for (int i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i];
                leaf.CopyTo(prefixed, 1);
                suite.Hash(prefixed.AsSpan(0, leaf.Length + 1), hashes.Slice(i * hashSize, hashSize));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefixed);
        }
    }

    private static void HashLeaf(ICryptoSuite suite, ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        if (leaf.Length < StackLeafLimit)
        {
            Span<byte> prefixed = stackalloc byte[StackLeafLimit];
            prefixed[0] = LeafPrefix;
            leaf.CopyTo(prefixed[1..]);
            suite.Hash(prefixed[..(leaf.Length + 1)], destination);
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(leaf.Length + 1);
        try
        {
            rented[0] = LeafPrefix;
            leaf.CopyTo(rented.AsSpan(1));
            suite.Hash(rented.AsSpan(0, leaf.Length + 1), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Replaces the first <paramref name="count"/> hashes in <paramref name="level"/> by the next level up; returns its size.</summary>
    private static int HashLevel(ICryptoSuite suite, byte[] level, int count, int hashSize)
    {
        Span<byte> node = stackalloc byte[1 + (2 * hashSize)];
        node[0] = NodePrefix;
        int parents = count / 2;
        for (int j = 0; j < parents; j++)
        {
            level.AsSpan(2 * j * hashSize, 2 * hashSize).CopyTo(node[1..]);
            suite.Hash(node, level.AsSpan(j * hashSize, hashSize));
        }

        if ((count & 1) == 1)
        {
            level.AsSpan((count - 1) * hashSize, hashSize).CopyTo(level.AsSpan(parents * hashSize));
            return parents + 1;
        }

        return parents;
    }
}
