using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// s·G + t·P for ONE verification, spread over the eight AVX-512 lanes (public data, variable time). Every lane
/// keeps one running sum:
/// <list type="bullet">
/// <item>t·P first: t made odd (t·P = -((n - t)·P), n - t odd for even t), cut into 32 byte chunks of two odd
/// 5-bit digits (<see cref="ChunkOddRecoding"/>); lane j takes chunks j, j + 8, j + 16 and j + 24, so the two
/// windows share 5 doublings and each window costs four mixed additions from the key's table of (2m + 1)·2^(8c)·P
/// (<see cref="Sm2PublicKey.ChunkLaneTable"/>): 5 doublings and 7 additions.</item>
/// <item>then s·G, after the last doubling: s in 37 signed 7-bit digits (as <see cref="LaneMultiplication"/>), lane j
/// adding the windows j, j + 8, …, j + 32 from the table of d·2^(7w)·G: 5 mixed additions, a zero digit keeping the
/// sum by mask.</item>
/// <item>the eight lane sums folded 4 + 4, 2 + 2, 1 + 1 with lane full additions, the answer in lane 0.</item>
/// </list>
/// About 215 lane multiplications (35 in doublings, 132 in mixed and 48 in full additions) against some 800 scalar ones.
/// <para>
/// Exceptional cases are not prevented but detected, once, at the end: the lane formulas carry Z ≡ 0 forward (a
/// doubling's Z3 = 2·Y·Z, a mixed addition's Z3 = 2·Z·H, a full addition's Z3 = 2·Z1·Z2·H), and lane 0's final Z is
/// the product of every lane's Z before the folds and every H of the folds that lead to it, times nonzero constants
/// and H's of the lanes. So a final Z ≢ 0 proves every step had a finite sum and H ≢ 0, where the formulas are
/// exact (no point of this odd-order curve has y = 0, so doublings are exact too), and the sum is finite. A final Z ≡ 0
/// (a sum that met ± the point being added, or a result at infinity) reports false and the caller computes the sum
/// with the scalar code instead.
/// </para>
/// Callers must run only where <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal static class LaneVerification
{
    private const int Lanes = FieldLanes.Lanes;

    /// <summary>Five rounds of eight lanes cover s's 37 windows; windows 37..39 are recoded as zero digits (s &lt; 2^256).</summary>
    private const int BaseRounds = 5;

    private const int BaseWindows = BaseRounds * Lanes;


    /// <summary>The signed-window table of G in lane form (the batch verifier keeps its own copy, private to it).</summary>
    private static readonly Lazy<AffineLaneTable> BaseTable = new(() => new AffineLaneTable(BasePointTables.Instance.SignedWindow));

    private static readonly FieldLanes One = FieldLanes.Broadcast(FieldElement.One);

    /// <summary>
    /// s·G + t·P with keyTable = <see cref="Sm2PublicKey.ChunkLaneTable"/> of P, for 0 &lt; s, t &lt; n; false (and
    /// a meaningless point) when the lanes met an exceptional case, see the type notes; otherwise the finite sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryMultiplyBaseAndAdd(in U256 s, in U256 t, AffineLaneTable keyTable, out JacobianPoint sum)
    {
        var sumLanes = AddKeyProduct(t, keyTable);
        sumLanes = AddBaseProduct(sumLanes, s);
        sumLanes = Fold(sumLanes, Vector512.Create(4UL, 5, 6, 7, 0, 1, 2, 3));
        sumLanes = Fold(sumLanes, Vector512.Create(2UL, 3, 0, 1, 6, 7, 4, 5));
        sumLanes = Fold(sumLanes, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6));
        var z = sumLanes.Z.GetElement(0);
        if (z.IsZero)
        {
            sum = JacobianPoint.Infinity;
            return false;
        }

        sum = new JacobianPoint(sumLanes.X.GetElement(0), sumLanes.Y.GetElement(0), z);
        return true;
    }

    /// <summary>Lane j: the chunks j, j + 8, j + 16, j + 24 of t·P, windows from the top, as in the type notes.</summary>
    private static JacobianLanes AddKeyProduct(in U256 t, AffineLaneTable keyTable)
    {
        const int windows = ChunkOddRecoding.DigitsPerChunk;
        const int rounds = ChunkOddRecoding.Chunks / Lanes;
        bool negateAll = !t.IsOdd;
        var oddT = negateAll ? U256.Sub(Scalar.Order.Modulus, t, out _) : t;
        Span<sbyte> digits = stackalloc sbyte[ChunkOddRecoding.Digits];
        ChunkOddRecoding.Recode(oddT, digits);

        var tables = default(AffineLaneTable.Eight);
        ((Span<AffineLaneTable>)tables).Fill(keyTable);
        Span<int> entries = stackalloc int[Lanes];
        Span<bool> negative = stackalloc bool[Lanes];
        JacobianLanes sum = default;
        for (int window = windows - 1; window >= 0; window--)
        {
            if (window < windows - 1)
            {
                for (int i = 0; i < ChunkOddRecoding.WindowBits; i++)
                {
                    sum = sum.Double();
                }
            }

            for (int round = 0; round < rounds; round++)
            {
                for (int lane = 0; lane < Lanes; lane++)
                {
                    int chunk = (round * Lanes) + lane;
                    int digit = digits[(chunk * ChunkOddRecoding.DigitsPerChunk) + window];
                    entries[lane] = (chunk * ChunkOddMultiples.PerChunk) + ((Math.Abs(digit) - 1) >> 1);
                    negative[lane] = (digit < 0) ^ negateAll;
                }

                AffineLaneTable.Load(tables, entries, negative, out var x, out var y);

                // Every digit is nonzero, so the very first step starts every lane's sum at the table point.
                sum = window == windows - 1 && round == 0 ? new JacobianLanes(x, y, One) : sum.AddMixed(x, y);
            }
        }

        return sum;
    }

    /// <summary>Lane j adds ±d·2^(7w)·G for its windows w = j + 8·round; a zero digit keeps the lane's sum.</summary>
    private static JacobianLanes AddBaseProduct(in JacobianLanes keySum, in U256 s)
    {
        Span<int> digits = stackalloc int[BaseWindows];
        SignedWindowRecoding.Recode(s, BasePointTables.WindowBits, digits);
        var tables = default(AffineLaneTable.Eight);
        ((Span<AffineLaneTable>)tables).Fill(BaseTable.Value);
        Span<int> entries = stackalloc int[Lanes];
        Span<bool> negative = stackalloc bool[Lanes];
        Span<ulong> zeroDigit = stackalloc ulong[Lanes];
        var sum = keySum;
        for (int round = 0; round < BaseRounds; round++)
        {
            bool anyDigit = false;
            for (int lane = 0; lane < Lanes; lane++)
            {
                int window = (round * Lanes) + lane;
                int digit = digits[window];

                // A zero digit (every window past 36) reads entry 0, which is in range, and is then masked out.
                entries[lane] = digit == 0 ? 0 : (window * BasePointTables.EntriesPerWindow) + Math.Abs(digit) - 1;
                negative[lane] = digit < 0;
                zeroDigit[lane] = digit == 0 ? ulong.MaxValue : 0;
                anyDigit |= digit != 0;
            }

            if (!anyDigit)
            {
                continue;
            }

            AffineLaneTable.Load(tables, entries, negative, out var x, out var y);
            sum = JacobianLanes.Select(Vector512.Create((ReadOnlySpan<ulong>)zeroDigit), sum, sum.AddMixed(x, y));
        }

        return sum;
    }

    /// <summary>
    /// Lane i becomes lane i + lane control[i] (only the lower half is read afterwards). No case is selected around:
    /// an exceptional one leaves Z ≡ 0, which reaches lane 0's final Z (see the type notes).
    /// </summary>
    private static JacobianLanes Fold(in JacobianLanes sum, Vector512<ulong> control) =>
        JacobianLaneAddition.AddUnchecked(sum, JacobianLaneAddition.Permute(sum, control), out _, out _);
}
