using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Merkle;

/// <summary>RFC 6962 section 2.1 written out literally and recursively, as the oracle for the tree code.</summary>
internal static class ReferenceMerkle
{
    public static byte[] Root(ICryptoSuite suite, IReadOnlyList<byte[]> leaves) => Mth(suite, leaves, 0, leaves.Count);

    public static List<byte[]> Path(ICryptoSuite suite, IReadOnlyList<byte[]> leaves, int index) =>
        PathOf(suite, leaves, index, 0, leaves.Count);

    private static byte[] Mth(ICryptoSuite suite, IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 0)
        {
            return suite.Hash([]);
        }

        if (count == 1)
        {
            return suite.Hash([0x00, .. leaves[start]]);
        }

        int k = LargestPowerOfTwoBelow(count);
        return suite.Hash([0x01, .. Mth(suite, leaves, start, k), .. Mth(suite, leaves, start + k, count - k)]);
    }

    private static List<byte[]> PathOf(ICryptoSuite suite, IReadOnlyList<byte[]> leaves, int index, int start, int count)
    {
        if (count == 1)
        {
            return [];
        }

        int k = LargestPowerOfTwoBelow(count);
        if (index < k)
        {
            return [.. PathOf(suite, leaves, index, start, k), Mth(suite, leaves, start + k, count - k)];
        }

        return [.. PathOf(suite, leaves, index - k, start + k, count - k), Mth(suite, leaves, start, k)];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
