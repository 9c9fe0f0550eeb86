using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Table reads whose memory access pattern does not depend on a secret index: every entry is loaded and
/// masked in, 256 bits at a time, so the cost is a few vector instructions per entry.
/// </summary>
internal static class ConstantTimeTable
{
    /// <summary>entries[index - 1], or (0, 0) when index is 0 (or beyond the table).</summary>
    public static AffinePoint Select(ReadOnlySpan<AffinePoint> entries, int index)
    {
        var vectors = MemoryMarshal.Cast<AffinePoint, Vector256<ulong>>(entries);
        var target = Vector256.Create((ulong)(uint)index);
        var position = Vector256<ulong>.One;
        var x = Vector256<ulong>.Zero;
        var y = Vector256<ulong>.Zero;
        for (int i = 0; i + 1 < vectors.Length; i += 2)
        {
            // A lane-wise compare (vpcmpeqq) gives the mask: no branch, no scalar-to-vector move per entry.
            var mask = Vector256.Equals(position, target);
            x |= vectors[i] & mask;
            y |= vectors[i + 1] & mask;
            position += Vector256<ulong>.One;
        }

        Span<AffinePoint> result = stackalloc AffinePoint[1];
        var resultVectors = MemoryMarshal.Cast<AffinePoint, Vector256<ulong>>(result);
        resultVectors[0] = x;
        resultVectors[1] = y;
        return result[0];
    }

    /// <summary>All ones when a == b, computed without a branch.</summary>
    public static ulong EqualMask(int a, int b)
    {
        ulong difference = (uint)(a ^ b);
        return ((difference | (0 - difference)) >> 63) - 1;
    }
}
