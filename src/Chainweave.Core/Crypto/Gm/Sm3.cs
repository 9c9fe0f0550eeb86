using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// SM3 (GM/T 0004-2012). <see cref="HashData"/> hashes in one call without allocating; an instance hashes
/// incrementally (Z || M for SM2) and is not thread-safe.
/// </summary>
public sealed partial class Sm3
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);
}
