using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// <see cref="BasePointTables.SignedWindow"/> rearranged for the eight-lane k·G of
/// <see cref="LaneBaseMultiplication"/>: in round r, lane j owns window j + 8r, and entry (r, m) holds for every
/// lane the lane form of m·2^(7(j + 8r))·G (zero for the three lanes of round 4 that have no window). The 18
/// limbs of an entry (x then y, each below 2^29) are stored as 32-bit words, two limbs per 512-bit row: row v
/// holds limb 2v of lanes 0..7 in words 0..7 and limb 2v + 1 in words 8..15. A gather therefore reads nine rows
/// per entry, and the table takes 5 · 64 · 9 · 64 bytes = 180 KiB, half of what 64-bit limbs would. The rows
/// start on 64-byte boundaries (the array is pinned, so the offset found once stays right), so no 512-bit load
/// straddles two cache lines. Built once, lazily, and never changed.
/// </summary>
internal sealed class BaseLaneTable
{
    public const int Rounds = 5;

    private const int Entries = BasePointTables.EntriesPerWindow;
    private const int RowsPerEntry = FieldLanes.LimbCount;
    private const int WordsPerRow = 2 * FieldLanes.Lanes;
    private const int WordsPerEntry = RowsPerEntry * WordsPerRow;
    private const int WordsPerRound = Entries * WordsPerEntry;

    private static readonly Lazy<BaseLaneTable> Shared = new(() => new BaseLaneTable(BasePointTables.Instance.SignedWindow));

    private const int CacheLineBytes = 64;

    /// <summary>Pinned; the table proper starts at <see cref="_start"/>, the first 64-byte boundary.</summary>
    private readonly uint[] _storage;

    private readonly int _start;

    private BaseLaneTable(ReadOnlySpan<AffinePoint> signedWindow)
    {
        _storage = GC.AllocateArray<uint>((Rounds * WordsPerRound) + (CacheLineBytes / sizeof(uint)), pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_storage, 0);
        _start = (int)((CacheLineBytes - (address % CacheLineBytes)) % CacheLineBytes) / sizeof(uint);
        var words = _storage.AsSpan(_start, Rounds * WordsPerRound);
        Span<ulong> limbs = stackalloc ulong[2 * FieldLanes.LimbCount];
        for (int round = 0; round < Rounds; round++)
        {
            for (int lane = 0; lane < FieldLanes.Lanes; lane++)
            {
                int window = (round * FieldLanes.Lanes) + lane;
                if (window >= BasePointTables.Windows)
                {
                    continue;
                }

                for (int entry = 0; entry < Entries; entry++)
                {
                    var point = signedWindow[(window * Entries) + entry];
                    FieldLanes.WriteLimbs(point.X, limbs[..FieldLanes.LimbCount]);
                    FieldLanes.WriteLimbs(point.Y, limbs[FieldLanes.LimbCount..]);
                    int start = (round * WordsPerRound) + (entry * WordsPerEntry);
                    for (int limb = 0; limb < limbs.Length; limb++)
                    {
                        int half = limb & 1;
                        words[start + ((limb >> 1) * WordsPerRow) + (half * FieldLanes.Lanes) + lane] = (uint)limbs[limb];
                    }
                }
            }
        }
    }

    public static BaseLaneTable Instance => Shared.Value;

    /// <summary>
    /// Per lane j, entry magnitudes[j] (1..64) of round <paramref name="round"/>'s table for that lane's window,
    /// or (0, 0) where the magnitude is 0. <paramref name="magnitudes"/> holds lane j's magnitude in words j and
    /// j + 8. Constant time in the magnitudes: all 64 entries of the round are loaded, in the same order every
    /// time, and each is masked in by a lane-wise compare, so neither the memory accessed nor any branch depends
    /// on them.
    /// </summary>
    public void Gather(int round, Vector512<uint> magnitudes, out FieldLanes x, out FieldLanes y)
    {
        var words = _storage.AsSpan(_start + (round * WordsPerRound), WordsPerRound);
        var a0 = Vector512<uint>.Zero;
        var a1 = Vector512<uint>.Zero;
        var a2 = Vector512<uint>.Zero;
        var a3 = Vector512<uint>.Zero;
        var a4 = Vector512<uint>.Zero;
        var a5 = Vector512<uint>.Zero;
        var a6 = Vector512<uint>.Zero;
        var a7 = Vector512<uint>.Zero;
        var a8 = Vector512<uint>.Zero;
        var position = Vector512<uint>.One;
        for (int entry = 0; entry < Entries; entry++)
        {
            var mask = Vector512.Equals(position, magnitudes);

            // One bounds check per entry; the nine rows read below lie inside its slice.
            ref uint row = ref MemoryMarshal.GetReference(words.Slice(entry * WordsPerEntry, WordsPerEntry));
            a0 |= Load(ref row, 0) & mask;
            a1 |= Load(ref row, 1) & mask;
            a2 |= Load(ref row, 2) & mask;
            a3 |= Load(ref row, 3) & mask;
            a4 |= Load(ref row, 4) & mask;
            a5 |= Load(ref row, 5) & mask;
            a6 |= Load(ref row, 6) & mask;
            a7 |= Load(ref row, 7) & mask;
            a8 |= Load(ref row, 8) & mask;
            position += Vector512<uint>.One;
        }

        x = new FieldLanes(
            Vector512.WidenLower(a0), Vector512.WidenUpper(a0), Vector512.WidenLower(a1), Vector512.WidenUpper(a1),
            Vector512.WidenLower(a2), Vector512.WidenUpper(a2), Vector512.WidenLower(a3), Vector512.WidenUpper(a3),
            Vector512.WidenLower(a4));
        y = new FieldLanes(
            Vector512.WidenUpper(a4), Vector512.WidenLower(a5), Vector512.WidenUpper(a5), Vector512.WidenLower(a6),
            Vector512.WidenUpper(a6), Vector512.WidenLower(a7), Vector512.WidenUpper(a7), Vector512.WidenLower(a8),
            Vector512.WidenUpper(a8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Load(ref uint entryStart, int row) =>
        Vector512.LoadUnsafe(ref entryStart, (nuint)(row * WordsPerRow));
}
