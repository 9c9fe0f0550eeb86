using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// SM3 of eight independent inputs at once, one per 32-bit lane of a Vector256 (AVX-512VL for the rotations):
/// e = SM3(Z || M) for the batch verifier. Inputs of different lengths run the same number of blocks; a lane
/// whose input has ended keeps its chaining value. Requires <see cref="Avx512F.VL.IsSupported"/>.
/// </summary>
internal static class Sm3Lanes
{
    public const int Lanes = 8;
    private const int BlockSize = 64;
    private const int Rounds = 64;

    /// <summary>T_j rotated left by j mod 32, the constant each round adds.</summary>
    private static readonly uint[] RoundConstants = BuildRoundConstants();

    /// <summary>digests[32·l ..] = SM3(prefixes[l] || messages[l]) for the eight lanes l.</summary>
    public static void HashPrefixed(ReadOnlySpan<ReadOnlyMemory<byte>> prefixes, ReadOnlySpan<ReadOnlyMemory<byte>> messages, Span<byte> digests)
    {
        Span<int> blockCounts = stackalloc int[Lanes];
        int maxBlocks = 0;
        for (int lane = 0; lane < Lanes; lane++)
        {
            // The input, the 0x80 byte and the 8-byte length, rounded up to whole blocks.
            long total = (long)prefixes[lane].Length + messages[lane].Length;
            blockCounts[lane] = (int)((total + 1 + 8 + BlockSize - 1) / BlockSize);
            maxBlocks = Math.Max(maxBlocks, blockCounts[lane]);
        }

        Span<Vector256<uint>> state = stackalloc Vector256<uint>[8];
        state[0] = Vector256.Create(0x7380166Fu);
        state[1] = Vector256.Create(0x4914B2B9u);
        state[2] = Vector256.Create(0x172442D7u);
        state[3] = Vector256.Create(0xDA8A0600u);
        state[4] = Vector256.Create(0xA96F30BCu);
        state[5] = Vector256.Create(0x163138AAu);
        state[6] = Vector256.Create(0xE38DEE4Du);
        state[7] = Vector256.Create(0xB0FB0E4Eu);
        Span<byte> block = stackalloc byte[BlockSize];
        Span<uint> words = stackalloc uint[16 * Lanes];
        Span<uint> active = stackalloc uint[Lanes];
        for (int blockIndex = 0; blockIndex < maxBlocks; blockIndex++)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                active[lane] = blockIndex < blockCounts[lane] ? uint.MaxValue : 0;
                WriteBlock(prefixes[lane].Span, messages[lane].Span, blockIndex, blockCounts[lane], block);
                for (int w = 0; w < 16; w++)
                {
                    words[(w * Lanes) + lane] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * w)..]);
                }
            }

            Compress(state, words, Vector256.Create((ReadOnlySpan<uint>)active));
        }

        for (int lane = 0; lane < Lanes; lane++)
        {
            for (int i = 0; i < 8; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(digests[((lane * Sm3.HashSize) + (4 * i))..], state[i].GetElement(lane));
            }
        }
    }

    /// <summary>Block <paramref name="blockIndex"/> of prefix || message || 0x80 || zeros || bit length (all zero past the last block).</summary>
    private static void WriteBlock(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message, int blockIndex, int blockCount, Span<byte> block)
    {
        block.Clear();
        if (blockIndex >= blockCount)
        {
            return;
        }

        long start = (long)blockIndex * BlockSize;
        long end = start + BlockSize;
        long total = (long)prefix.Length + message.Length;
        if (start < prefix.Length)
        {
            prefix[(int)start..(int)Math.Min(end, prefix.Length)].CopyTo(block);
        }

        long from = Math.Max(start, prefix.Length);
        long to = Math.Min(end, total);
        if (from < to)
        {
            message[(int)(from - prefix.Length)..(int)(to - prefix.Length)].CopyTo(block[(int)(from - start)..]);
        }

        if (total >= start && total < end)
        {
            block[(int)(total - start)] = 0x80;
        }

        if (blockIndex == blockCount - 1)
        {
            BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (ulong)total * 8);
        }
    }

    /// <summary>One block per lane (words[8·w + l] is word w of lane l's block) into the lanes where active is set.</summary>
    private static void Compress(Span<Vector256<uint>> state, ReadOnlySpan<uint> words, Vector256<uint> active)
    {
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[Rounds + 4];
        for (int j = 0; j < 16; j++)
        {
            w[j] = Vector256.Create(words.Slice(j * Lanes, Lanes));
        }

        for (int j = 16; j < Rounds + 4; j++)
        {
            w[j] = P1(w[j - 16] ^ w[j - 9] ^ Rotate(w[j - 3], 15)) ^ Rotate(w[j - 13], 7) ^ w[j - 6];
        }

        var a = state[0];
        var b = state[1];
        var c = state[2];
        var d = state[3];
        var e = state[4];
        var f = state[5];
        var g = state[6];
        var h = state[7];
        for (int j = 0; j < Rounds; j++)
        {
            var rotatedA = Rotate(a, 12);
            var ss1 = Rotate(rotatedA + e + Vector256.Create(RoundConstants[j]), 7);
            var ss2 = ss1 ^ rotatedA;
            var ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
            var gg = j < 16 ? e ^ f ^ g : (e & f) | Vector256.AndNot(g, e);
            var tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
            var tt2 = gg + h + ss1 + w[j];
            d = c;
            c = Rotate(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = Rotate(f, 19);
            f = e;
            e = P0(tt2);
        }

        state[0] = Vector256.ConditionalSelect(active, state[0] ^ a, state[0]);
        state[1] = Vector256.ConditionalSelect(active, state[1] ^ b, state[1]);
        state[2] = Vector256.ConditionalSelect(active, state[2] ^ c, state[2]);
        state[3] = Vector256.ConditionalSelect(active, state[3] ^ d, state[3]);
        state[4] = Vector256.ConditionalSelect(active, state[4] ^ e, state[4]);
        state[5] = Vector256.ConditionalSelect(active, state[5] ^ f, state[5]);
        state[6] = Vector256.ConditionalSelect(active, state[6] ^ g, state[6]);
        state[7] = Vector256.ConditionalSelect(active, state[7] ^ h, state[7]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotate(Vector256<uint> value, [ConstantExpected] byte count) => Avx512F.VL.RotateLeft(value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> P0(Vector256<uint> x) => x ^ Rotate(x, 9) ^ Rotate(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> P1(Vector256<uint> x) => x ^ Rotate(x, 15) ^ Rotate(x, 23);

    /// <summary>Eight inputs (or prefixes), one per lane, without an array.</summary>
    [InlineArray(Lanes)]
    public struct Inputs
    {
        private ReadOnlyMemory<byte> _element;
    }

    private static uint[] BuildRoundConstants()
    {
        var constants = new uint[Rounds];
        for (int j = 0; j < Rounds; j++)
        {
            constants[j] = BitOperations.RotateLeft(j < 16 ? 0x79CC4519u : 0x7A879D8Au, j % 32);
        }

        return constants;
    }
}
