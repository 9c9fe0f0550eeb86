using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// SM3 (GM/T 0004-2012). <see cref="HashData"/> hashes in one call without allocating; an instance hashes
/// incrementally (Z || M for SM2) and is not thread-safe.
/// </summary>
public sealed class Sm3
{
    public const int HashSize = 32;
    private const int BlockSize = 64;

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _pendingLength;
    private ulong _totalLength;

    public Sm3() => Initialize(_state);

    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSize, nameof(destination));
        Span<uint> state = stackalloc uint[8];
        Initialize(state);
        int wholeBlocks = data.Length & ~(BlockSize - 1);
        Compress(state, data[..wholeBlocks]);
        Finish(state, data[wholeBlocks..], (ulong)data.Length, destination);
    }

    /// <summary>SM3(prefix || data) without allocating or copying data: for e = SM3(Z || M). The prefix is at most one block.</summary>
    internal static void HashPrefixed(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, BlockSize, nameof(prefix));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSize, nameof(destination));
        Span<uint> state = stackalloc uint[8];
        Initialize(state);
        Span<byte> first = stackalloc byte[BlockSize];
        prefix.CopyTo(first);
        ulong totalLength = (ulong)prefix.Length + (ulong)data.Length;
        int fill = BlockSize - prefix.Length;
        if (data.Length < fill)
        {
            data.CopyTo(first[prefix.Length..]);
            Finish(state, first[..(prefix.Length + data.Length)], totalLength, destination);
            return;
        }

        data[..fill].CopyTo(first[prefix.Length..]);
        Compress(state, first);
        var rest = data[fill..];
        int wholeBlocks = rest.Length & ~(BlockSize - 1);
        Compress(state, rest[..wholeBlocks]);
        Finish(state, rest[wholeBlocks..], totalLength, destination);
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _totalLength += (ulong)data.Length;
        if (_pendingLength > 0)
        {
            int take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockSize)
            {
                return;
            }

            Compress(_state, _pending);
            _pendingLength = 0;
        }

        int wholeBlocks = data.Length & ~(BlockSize - 1);
        Compress(_state, data[..wholeBlocks]);
        data[wholeBlocks..].CopyTo(_pending);
        _pendingLength = data.Length - wholeBlocks;
    }

    public void GetHashAndReset(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashSize, nameof(destination));
        Finish(_state, _pending.AsSpan(0, _pendingLength), _totalLength, destination);
        Initialize(_state);
        _pendingLength = 0;
        _totalLength = 0;
    }

    private static void Initialize(Span<uint> state)
    {
        state[0] = 0x7380166F;
        state[1] = 0x4914B2B9;
        state[2] = 0x172442D7;
        state[3] = 0xDA8A0600;
        state[4] = 0xA96F30BC;
        state[5] = 0x163138AA;
        state[6] = 0xE38DEE4D;
        state[7] = 0xB0FB0E4E;
    }

    /// <summary>Pads the tail (under one block) with 0x80, zeros and the bit length, and writes the digest.</summary>
    private static void Finish(Span<uint> state, ReadOnlySpan<byte> tail, ulong totalLength, Span<byte> destination)
    {
        Span<byte> last = stackalloc byte[2 * BlockSize];
        last.Clear();
        tail.CopyTo(last);
        last[tail.Length] = 0x80;
        int paddedLength = tail.Length + 1 + 8 <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(last[(paddedLength - 8)..], totalLength * 8);
        Compress(state, last[..paddedLength]);
        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], state[i]);
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> blocks)
    {
        if (blocks.IsEmpty)
        {
            return;
        }

        Span<uint> w = stackalloc uint[68];
        uint v0 = state[0], v1 = state[1], v2 = state[2], v3 = state[3];
        uint v4 = state[4], v5 = state[5], v6 = state[6], v7 = state[7];
        for (int offset = 0; offset < blocks.Length; offset += BlockSize)
        {
            var block = blocks.Slice(offset, BlockSize);
            for (int j = 0; j < 16; j++)
            {
                w[j] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * j)..]);
            }

            for (int j = 16; j < 68; j++)
            {
                w[j] = P1(w[j - 16] ^ w[j - 9] ^ BitOperations.RotateLeft(w[j - 3], 15))
                    ^ BitOperations.RotateLeft(w[j - 13], 7) ^ w[j - 6];
            }

            uint a = v0, b = v1, c = v2, d = v3, e = v4, f = v5, g = v6, h = v7;
            for (int j = 0; j < 16; j++)
            {
                uint a12 = BitOperations.RotateLeft(a, 12);
                uint ss1 = BitOperations.RotateLeft(a12 + e + RoundConstants[j], 7);
                uint tt1 = (a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
                uint tt2 = (e ^ f ^ g) + h + ss1 + w[j];
                d = c;
                c = BitOperations.RotateLeft(b, 9);
                b = a;
                a = tt1;
                h = g;
                g = BitOperations.RotateLeft(f, 19);
                f = e;
                e = P0(tt2);
            }

            for (int j = 16; j < 64; j++)
            {
                uint a12 = BitOperations.RotateLeft(a, 12);
                uint ss1 = BitOperations.RotateLeft(a12 + e + RoundConstants[j], 7);
                uint tt1 = ((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
                uint tt2 = ((e & f) | (~e & g)) + h + ss1 + w[j];
                d = c;
                c = BitOperations.RotateLeft(b, 9);
                b = a;
                a = tt1;
                h = g;
                g = BitOperations.RotateLeft(f, 19);
                f = e;
                e = P0(tt2);
            }

            v0 ^= a;
            v1 ^= b;
            v2 ^= c;
            v3 ^= d;
            v4 ^= e;
            v5 ^= f;
            v6 ^= g;
            v7 ^= h;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);

    /// <summary>
    /// T_j rotated left by j mod 32, as the round uses it. An array, not a span property: unoptimised
    /// (Debug) builds would otherwise materialise the constants on every access.
    /// </summary>
    private static readonly uint[] RoundConstants =
    [
        0x79CC4519, 0xF3988A32, 0xE7311465, 0xCE6228CB, 0x9CC45197, 0x3988A32F, 0x7311465E, 0xE6228CBC,
        0xCC451979, 0x988A32F3, 0x311465E7, 0x6228CBCE, 0xC451979C, 0x88A32F39, 0x11465E73, 0x228CBCE6,
        0x9D8A7A87, 0x3B14F50F, 0x7629EA1E, 0xEC53D43C, 0xD8A7A879, 0xB14F50F3, 0x629EA1E7, 0xC53D43CE,
        0x8A7A879D, 0x14F50F3B, 0x29EA1E76, 0x53D43CEC, 0xA7A879D8, 0x4F50F3B1, 0x9EA1E762, 0x3D43CEC5,
        0x7A879D8A, 0xF50F3B14, 0xEA1E7629, 0xD43CEC53, 0xA879D8A7, 0x50F3B14F, 0xA1E7629E, 0x43CEC53D,
        0x879D8A7A, 0x0F3B14F5, 0x1E7629EA, 0x3CEC53D4, 0x79D8A7A8, 0xF3B14F50, 0xE7629EA1, 0xCEC53D43,
        0x9D8A7A87, 0x3B14F50F, 0x7629EA1E, 0xEC53D43C, 0xD8A7A879, 0xB14F50F3, 0x629EA1E7, 0xC53D43CE,
        0x8A7A879D, 0x14F50F3B, 0x29EA1E76, 0x53D43CEC, 0xA7A879D8, 0x4F50F3B1, 0x9EA1E762, 0x3D43CEC5,
    ];
}
