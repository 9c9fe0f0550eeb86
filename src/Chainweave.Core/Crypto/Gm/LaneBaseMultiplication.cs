using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Constant-time k·G with the eight AVX-512 lanes working on one k (signing, key generation, encryption): k in
/// 37 signed 7-bit digits d_w (as <see cref="PointMultiplication.MultiplyBaseScalar"/>), lane j summing the
/// windows j, j + 8, j + 16, j + 24, j + 32 in five rounds of one lane mixed addition each, then the eight lane
/// sums folded pairwise (4 + 4, 2 + 2, 1 + 1) with lane full additions. Callers must run only where
/// <see cref="Avx512F.IsSupported"/>.
/// <para>
/// Nothing branches on or indexes by k: the digits become masks (zero digit keeps the sum, negative digit
/// selects -y, a sum still at infinity takes the entry), every table read is the whole round
/// (<see cref="BaseLaneTable.Gather"/>), and the lane values leave the vectors by fixed shifts and masked
/// subtractions (<see cref="LaneElementExtraction"/>). The <see cref="FieldLanes"/> arithmetic used here (its
/// type notes say variable time would be allowed there) is in fact straight-line vector code with no branch or
/// data-dependent address; only its <see cref="FieldLanes.GetElement"/> loops, which is why it is not used.
/// </para>
/// <para>
/// Why the unchecked additions are exact. Call a window set W "split" when it lacks window 0 or window 1. For
/// digits e_w (w in W) with |e_w| ≤ 64, and |e_36| ≤ 16 (k &lt; 2^256 leaves window 36 four bits plus a carry,
/// so 0 ≤ d_36 ≤ 16), X = Σ e_w·2^(7w) ≡ 0 (mod n) only when every e_w is 0:
/// (a) X ≠ 0 unless all e_w are 0, since at the lowest nonzero digit X = 2^(7m)·(e_m + 128·Y) and 0 &lt; |e_m| &lt; 128;
/// (b) |X| ≤ 16·2^252 + 64·Σ_{w&lt;36} 2^(7w) &lt; 16·2^252 + 2^251 &lt; 2n, so X ≡ 0 means X = ±n;
/// (c) ±n needs both windows 0 and 1: n ≡ 0x4123 (mod 2^14) forces e_0 = ±35 and then e_1 ≡ ±2 (mod 128).
/// Every set met before the last fold is split: a lane's windows (j mod 8), the first fold's (j mod 4), the
/// second's (j mod 2). So (1) a lane sum, or a folded sum, is at infinity exactly when all its digits are 0,
/// which the masks track; (2) in a lane, partial sum S = ±(new window's point) needs S ∓ d_w·2^(7w) ≡ 0 over a
/// split set, so all those digits 0 — but a zero digit is kept by mask and a zero sum is selected around;
/// (3) in the first two folds, A = ±B with A and B finite would need A ∓ B ≡ 0 over a split set, which makes both
/// infinity. Only the last fold (all windows) can meet A = B (A = -B means k ≡ 0, giving Z ≡ 0 anyway), so it
/// alone computes the doubling and selects it by mask.
/// </para>
/// </summary>
internal static class LaneBaseMultiplication
{
    private const int Lanes = FieldLanes.Lanes;

    /// <summary>Five rounds of eight lanes: the windows 37..39 past k's 37 are recoded as zero digits.</summary>
    private const int RecodedWindows = BaseLaneTable.Rounds * Lanes;

    private static readonly FieldLanes One = FieldLanes.Broadcast(FieldElement.One);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint MultiplyBase(in U256 k)
    {
        var table = BaseLaneTable.Instance;
        Span<int> digits = stackalloc int[RecodedWindows];
        SignedWindowRecoding.Recode(k, BasePointTables.WindowBits, digits);
        var sum = new JacobianLanes(One, One, default);
        var atInfinity = Vector512<ulong>.AllBitsSet;
        for (int round = 0; round < BaseLaneTable.Rounds; round++)
        {
            var digitVector = Vector256.Create((ReadOnlySpan<int>)digits.Slice(round * Lanes, Lanes));
            var magnitude = Vector256.Abs(digitVector).AsUInt32();
            var negative = Vector512.WidenLower(Vector512.Create(digitVector >> 31, digitVector >> 31)).AsUInt64();
            var keep = Vector512.Equals(Vector512.WidenLower(Vector512.Create(magnitude, magnitude)), Vector512<ulong>.Zero);
            table.Gather(round, Vector512.Create(magnitude, magnitude), out var x, out var y);
            y = FieldLanes.Select(negative, FieldLanes.Subtract(default, y), y);
            var entry = new JacobianLanes(x, y, One);

            // Round 0 starts every lane at infinity, so its sum is the entry itself.
            var next = round == 0 ? entry : JacobianLanes.Select(atInfinity, entry, sum.AddMixed(x, y));
            sum = JacobianLanes.Select(keep, sum, next);
            atInfinity &= keep;
        }

        digits.Clear();
        Fold(ref sum, ref atInfinity, Vector512.Create(4UL, 5, 6, 7, 0, 1, 2, 3), complete: false);
        Fold(ref sum, ref atInfinity, Vector512.Create(2UL, 3, 0, 1, 6, 7, 4, 5), complete: false);
        Fold(ref sum, ref atInfinity, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6), complete: true);
        var x0 = LaneElementExtraction.FirstLane(sum.X);
        var y0 = LaneElementExtraction.FirstLane(sum.Y);
        var z0 = LaneElementExtraction.FirstLane(sum.Z);

        // Z ≡ 0 (k = 0) becomes the canonical infinity, as the scalar multiplication returns it.
        ulong infinity = z0.ZeroMask;
        return new JacobianPoint(
            FieldElement.Select(infinity, FieldElement.One, x0),
            FieldElement.Select(infinity, FieldElement.One, y0),
            z0);
    }

    /// <summary>
    /// Lane i becomes lane i + lane control[i] (the caller reads the first half of the lanes afterwards), selecting
    /// around an addend at infinity and, when <paramref name="complete"/>, the doubling case.
    /// </summary>
    private static void Fold(ref JacobianLanes sum, ref Vector512<ulong> atInfinity, Vector512<ulong> control, bool complete)
    {
        var other = JacobianLaneAddition.Permute(sum, control);
        var otherAtInfinity = Avx512F.PermuteVar8x64(atInfinity, control);
        var added = JacobianLaneAddition.AddUnchecked(sum, other, out var h, out var r);
        if (complete)
        {
            added = JacobianLanes.Select(h.ZeroMask & r.ZeroMask, sum.Double(), added);
        }

        sum = JacobianLanes.Select(atInfinity, other, JacobianLanes.Select(otherAtInfinity, sum, added));
        atInfinity &= otherAtInfinity;
    }
}
