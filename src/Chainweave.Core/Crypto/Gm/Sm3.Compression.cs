using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// The SM3 compression function with all 64 rounds written out. Naming the eight working values anew in
/// each round (the caller passes them rotated, so no value moves between registers) and expanding the
/// message in a 16-word rolling window of locals lets the JIT keep the state in registers: the looped
/// form with a 68-word array spilled most of it to the stack and ran ~1.8x BouncyCastle's instructions.
/// </summary>
public sealed partial class Sm3
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (blocks.IsEmpty)
        {
            return;
        }

        uint v0 = state[0], v1 = state[1], v2 = state[2], v3 = state[3];
        uint v4 = state[4], v5 = state[5], v6 = state[6], v7 = state[7];
        ref byte start = ref MemoryMarshal.GetReference(blocks);
        int blockCount = blocks.Length / BlockSize;
        for (int i = 0; i < blockCount; i++)
        {
            CompressBlock(ref Unsafe.Add(ref start, i * BlockSize), ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        }

        state[0] = v0;
        state[1] = v1;
        state[2] = v2;
        state[3] = v3;
        state[4] = v4;
        state[5] = v5;
        state[6] = v6;
        state[7] = v7;
    }

    /// <summary>One 64-byte block at <paramref name="block"/> (the caller has checked its length) into the chaining value v0..v7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CompressBlock(
        ref byte block, ref uint v0, ref uint v1, ref uint v2, ref uint v3, ref uint v4, ref uint v5, ref uint v6, ref uint v7)
    {
        uint w0 = Load(ref block, 0), w1 = Load(ref block, 1), w2 = Load(ref block, 2), w3 = Load(ref block, 3);
        uint w4 = Load(ref block, 4), w5 = Load(ref block, 5), w6 = Load(ref block, 6), w7 = Load(ref block, 7);
        uint w8 = Load(ref block, 8), w9 = Load(ref block, 9), w10 = Load(ref block, 10), w11 = Load(ref block, 11);
        uint w12 = Load(ref block, 12), w13 = Load(ref block, 13), w14 = Load(ref block, 14), w15 = Load(ref block, 15);
        uint a = v0, b = v1, c = v2, d = v3, e = v4, f = v5, g = v6, h = v7;

        // Round j uses W[j] and W[j + 4]; W[k] for k >= 16 replaces W[k - 16] in slot k mod 16 just before its first use.
        RoundLow(a, ref b, c, ref d, e, ref f, g, ref h, 0x79CC4519, w0, w4);
        RoundLow(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3988A32, w1, w5);
        RoundLow(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7311465, w2, w6);
        RoundLow(b, ref c, d, ref a, f, ref g, h, ref e, 0xCE6228CB, w3, w7);
        RoundLow(a, ref b, c, ref d, e, ref f, g, ref h, 0x9CC45197, w4, w8);
        RoundLow(d, ref a, b, ref c, h, ref e, f, ref g, 0x3988A32F, w5, w9);
        RoundLow(c, ref d, a, ref b, g, ref h, e, ref f, 0x7311465E, w6, w10);
        RoundLow(b, ref c, d, ref a, f, ref g, h, ref e, 0xE6228CBC, w7, w11);
        RoundLow(a, ref b, c, ref d, e, ref f, g, ref h, 0xCC451979, w8, w12);
        RoundLow(d, ref a, b, ref c, h, ref e, f, ref g, 0x988A32F3, w9, w13);
        RoundLow(c, ref d, a, ref b, g, ref h, e, ref f, 0x311465E7, w10, w14);
        RoundLow(b, ref c, d, ref a, f, ref g, h, ref e, 0x6228CBCE, w11, w15);
        w0 = Expand(w0, w7, w13, w3, w10);
        RoundLow(a, ref b, c, ref d, e, ref f, g, ref h, 0xC451979C, w12, w0);
        w1 = Expand(w1, w8, w14, w4, w11);
        RoundLow(d, ref a, b, ref c, h, ref e, f, ref g, 0x88A32F39, w13, w1);
        w2 = Expand(w2, w9, w15, w5, w12);
        RoundLow(c, ref d, a, ref b, g, ref h, e, ref f, 0x11465E73, w14, w2);
        w3 = Expand(w3, w10, w0, w6, w13);
        RoundLow(b, ref c, d, ref a, f, ref g, h, ref e, 0x228CBCE6, w15, w3);
        w4 = Expand(w4, w11, w1, w7, w14);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, w0, w4);
        w5 = Expand(w5, w12, w2, w8, w15);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, w1, w5);
        w6 = Expand(w6, w13, w3, w9, w0);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, w2, w6);
        w7 = Expand(w7, w14, w4, w10, w1);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, w3, w7);
        w8 = Expand(w8, w15, w5, w11, w2);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, w4, w8);
        w9 = Expand(w9, w0, w6, w12, w3);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, w5, w9);
        w10 = Expand(w10, w1, w7, w13, w4);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, w6, w10);
        w11 = Expand(w11, w2, w8, w14, w5);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, w7, w11);
        w12 = Expand(w12, w3, w9, w15, w6);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, w8, w12);
        w13 = Expand(w13, w4, w10, w0, w7);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, w9, w13);
        w14 = Expand(w14, w5, w11, w1, w8);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, w10, w14);
        w15 = Expand(w15, w6, w12, w2, w9);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, w11, w15);
        w0 = Expand(w0, w7, w13, w3, w10);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, w12, w0);
        w1 = Expand(w1, w8, w14, w4, w11);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, w13, w1);
        w2 = Expand(w2, w9, w15, w5, w12);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, w14, w2);
        w3 = Expand(w3, w10, w0, w6, w13);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, w15, w3);
        w4 = Expand(w4, w11, w1, w7, w14);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x7A879D8A, w0, w4);
        w5 = Expand(w5, w12, w2, w8, w15);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0xF50F3B14, w1, w5);
        w6 = Expand(w6, w13, w3, w9, w0);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0xEA1E7629, w2, w6);
        w7 = Expand(w7, w14, w4, w10, w1);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xD43CEC53, w3, w7);
        w8 = Expand(w8, w15, w5, w11, w2);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0xA879D8A7, w4, w8);
        w9 = Expand(w9, w0, w6, w12, w3);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x50F3B14F, w5, w9);
        w10 = Expand(w10, w1, w7, w13, w4);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0xA1E7629E, w6, w10);
        w11 = Expand(w11, w2, w8, w14, w5);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x43CEC53D, w7, w11);
        w12 = Expand(w12, w3, w9, w15, w6);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x879D8A7A, w8, w12);
        w13 = Expand(w13, w4, w10, w0, w7);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x0F3B14F5, w9, w13);
        w14 = Expand(w14, w5, w11, w1, w8);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x1E7629EA, w10, w14);
        w15 = Expand(w15, w6, w12, w2, w9);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x3CEC53D4, w11, w15);
        w0 = Expand(w0, w7, w13, w3, w10);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x79D8A7A8, w12, w0);
        w1 = Expand(w1, w8, w14, w4, w11);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0xF3B14F50, w13, w1);
        w2 = Expand(w2, w9, w15, w5, w12);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0xE7629EA1, w14, w2);
        w3 = Expand(w3, w10, w0, w6, w13);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xCEC53D43, w15, w3);
        w4 = Expand(w4, w11, w1, w7, w14);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x9D8A7A87, w0, w4);
        w5 = Expand(w5, w12, w2, w8, w15);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x3B14F50F, w1, w5);
        w6 = Expand(w6, w13, w3, w9, w0);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x7629EA1E, w2, w6);
        w7 = Expand(w7, w14, w4, w10, w1);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xEC53D43C, w3, w7);
        w8 = Expand(w8, w15, w5, w11, w2);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0xD8A7A879, w4, w8);
        w9 = Expand(w9, w0, w6, w12, w3);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0xB14F50F3, w5, w9);
        w10 = Expand(w10, w1, w7, w13, w4);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x629EA1E7, w6, w10);
        w11 = Expand(w11, w2, w8, w14, w5);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0xC53D43CE, w7, w11);
        w12 = Expand(w12, w3, w9, w15, w6);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0x8A7A879D, w8, w12);
        w13 = Expand(w13, w4, w10, w0, w7);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x14F50F3B, w9, w13);
        w14 = Expand(w14, w5, w11, w1, w8);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x29EA1E76, w10, w14);
        w15 = Expand(w15, w6, w12, w2, w9);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x53D43CEC, w11, w15);
        w0 = Expand(w0, w7, w13, w3, w10);
        RoundHigh(a, ref b, c, ref d, e, ref f, g, ref h, 0xA7A879D8, w12, w0);
        w1 = Expand(w1, w8, w14, w4, w11);
        RoundHigh(d, ref a, b, ref c, h, ref e, f, ref g, 0x4F50F3B1, w13, w1);
        w2 = Expand(w2, w9, w15, w5, w12);
        RoundHigh(c, ref d, a, ref b, g, ref h, e, ref f, 0x9EA1E762, w14, w2);
        w3 = Expand(w3, w10, w0, w6, w13);
        RoundHigh(b, ref c, d, ref a, f, ref g, h, ref e, 0x3D43CEC5, w15, w3);

        v0 ^= a;
        v1 ^= b;
        v2 ^= c;
        v3 ^= d;
        v4 ^= e;
        v5 ^= f;
        v6 ^= g;
        v7 ^= h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load(ref byte block, int word) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, 4 * word)));

    /// <summary>W[k] from W[k - 16], W[k - 9], W[k - 3], W[k - 13] and W[k - 6].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Expand(uint w16, uint w9, uint w3, uint w13, uint w6) =>
        P1(w16 ^ w9 ^ BitOperations.RotateLeft(w3, 15)) ^ BitOperations.RotateLeft(w13, 7) ^ w6;

    /// <summary>
    /// Rounds 0..15 (XOR boolean functions). t is T_j rotated left by j. On return the state (a, b, c, d, e,
    /// f, g, h) of the next round is (d, a, b, c, h, e, f, g) in these variables, which is how the next call
    /// names them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RoundLow(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint t, uint w, uint wPlus4)
    {
        uint a12 = BitOperations.RotateLeft(a, 12);
        uint ss1 = BitOperations.RotateLeft(a12 + e + t, 7);
        d = (a ^ b ^ c) + d + (ss1 ^ a12) + (w ^ wPlus4);
        h = P0((e ^ f ^ g) + h + ss1 + w);
        b = BitOperations.RotateLeft(b, 9);
        f = BitOperations.RotateLeft(f, 19);
    }

    /// <summary>Rounds 16..63 (majority and choice), otherwise as <see cref="RoundLow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RoundHigh(uint a, ref uint b, uint c, ref uint d, uint e, ref uint f, uint g, ref uint h, uint t, uint w, uint wPlus4)
    {
        uint a12 = BitOperations.RotateLeft(a, 12);
        uint ss1 = BitOperations.RotateLeft(a12 + e + t, 7);
        d = ((a & b) | (c & (a | b))) + d + (ss1 ^ a12) + (w ^ wPlus4);
        h = P0((g ^ (e & (f ^ g))) + h + ss1 + w);
        b = BitOperations.RotateLeft(b, 9);
        f = BitOperations.RotateLeft(f, 19);
    }
}
