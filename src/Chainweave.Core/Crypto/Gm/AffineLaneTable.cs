using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// Affine points stored for eight-lane loads: per point the lane-form limbs of x, y and -y (27 ulongs), so a
/// negative digit costs no negation. Immutable once built.
/// </summary>
internal sealed class AffineLaneTable
{
    /// <summary>Limbs per point: x, y, -y.</summary>
    public const int Stride = 3 * FieldLanes.LimbCount;

    private readonly ulong[] _limbs;

    public AffineLaneTable(ReadOnlySpan<AffinePoint> points)
    {
        _limbs = new ulong[points.Length * Stride];
        for (int i = 0; i < points.Length; i++)
        {
            var row = _limbs.AsSpan(i * Stride, Stride);
            FieldLanes.WriteLimbs(points[i].X, row[..FieldLanes.LimbCount]);
            FieldLanes.WriteLimbs(points[i].Y, row.Slice(FieldLanes.LimbCount, FieldLanes.LimbCount));
            FieldLanes.WriteLimbs(-points[i].Y, row.Slice(2 * FieldLanes.LimbCount, FieldLanes.LimbCount));
        }
    }

    public int Count => _limbs.Length / Stride;

    /// <summary>
    /// Loads, for each lane l, the point ±tables[l][entries[l]] (minus where <paramref name="negative"/> is set)
    /// into lane l of x and y.
    /// </summary>
    public static void Load(in Eight tables, ReadOnlySpan<int> entries, ReadOnlySpan<bool> negative, out FieldLanes x, out FieldLanes y)
    {
        ref ulong r0 = ref Row(tables[0], entries[0]);
        ref ulong r1 = ref Row(tables[1], entries[1]);
        ref ulong r2 = ref Row(tables[2], entries[2]);
        ref ulong r3 = ref Row(tables[3], entries[3]);
        ref ulong r4 = ref Row(tables[4], entries[4]);
        ref ulong r5 = ref Row(tables[5], entries[5]);
        ref ulong r6 = ref Row(tables[6], entries[6]);
        ref ulong r7 = ref Row(tables[7], entries[7]);
        x = new FieldLanes(
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 0),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 1),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 2),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 3),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 4),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 5),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 6),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 7),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 8));
        r0 = ref Unsafe.Add(ref r0, YOffset(negative[0]));
        r1 = ref Unsafe.Add(ref r1, YOffset(negative[1]));
        r2 = ref Unsafe.Add(ref r2, YOffset(negative[2]));
        r3 = ref Unsafe.Add(ref r3, YOffset(negative[3]));
        r4 = ref Unsafe.Add(ref r4, YOffset(negative[4]));
        r5 = ref Unsafe.Add(ref r5, YOffset(negative[5]));
        r6 = ref Unsafe.Add(ref r6, YOffset(negative[6]));
        r7 = ref Unsafe.Add(ref r7, YOffset(negative[7]));
        y = new FieldLanes(
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 0),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 1),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 2),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 3),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 4),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 5),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 6),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 7),
            Column(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 8));
    }

    /// <summary>The start of entry's row, bounds-checked once here (the reads below stay inside its 27 limbs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ulong Row(AffineLaneTable table, int entry) =>
        ref MemoryMarshal.GetReference(table._limbs.AsSpan(entry * Stride, Stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int YOffset(bool negative) => negative ? 2 * FieldLanes.LimbCount : FieldLanes.LimbCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Column(
        ref ulong r0, ref ulong r1, ref ulong r2, ref ulong r3, ref ulong r4, ref ulong r5, ref ulong r6, ref ulong r7, int k) =>
        Vector512.Create(
            Unsafe.Add(ref r0, k), Unsafe.Add(ref r1, k), Unsafe.Add(ref r2, k), Unsafe.Add(ref r3, k),
            Unsafe.Add(ref r4, k), Unsafe.Add(ref r5, k), Unsafe.Add(ref r6, k), Unsafe.Add(ref r7, k));

    /// <summary>One table per lane (the same one eight times for the base point).</summary>
    [InlineArray(FieldLanes.Lanes)]
    public struct Eight
    {
        private AffineLaneTable _element;
    }
}
