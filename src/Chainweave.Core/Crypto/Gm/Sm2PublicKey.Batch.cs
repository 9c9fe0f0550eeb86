namespace Chainweave.Core.Crypto.Gm;

/// <summary>What <see cref="Sm2BatchVerifier"/> needs from a key: its lane table and the scalar checks of a signature.</summary>
public sealed partial class Sm2PublicKey
{
    /// <summary>Built on the first batch verification only, so key import and single verifies cost nothing extra.</summary>
    private AffineLaneTable? _laneTable;

    /// <summary>
    /// The key's wNAF table, (2m + 1)·2^(32i)·P at entry 16i + m, in lane form: building it converts 128 points and
    /// adds no point arithmetic. Thread-safe: racing builders produce equal tables and one of them is published.
    /// </summary>
    internal AffineLaneTable LaneTable => Volatile.Read(ref _laneTable) ?? BuildLaneTable();

    /// <summary>
    /// The scalar part of <see cref="Verify"/> before the point multiplication, with the same checks: false for a
    /// signature that is not 64 bytes, r or s zero or not below n, or t = r + s ≡ 0 (mod n). Otherwise s, t and
    /// the value that x1 mod n must equal, r - e mod n with e = SM3(Z || message).
    /// </summary>
    internal bool TryPrepareVerification(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64, out U256 s, out U256 t, out U256 expectedX)
    {
        s = t = expectedX = default;
        if (signatureRs64.Length != 2 * 32)
        {
            return false;
        }

        var order = Scalar.Order;
        var r = U256.FromBigEndian(signatureRs64[..32]);
        s = U256.FromBigEndian(signatureRs64[32..]);
        if (r.IsZero || s.IsZero || !r.IsLessThan(order.Modulus) || !s.IsLessThan(order.Modulus))
        {
            return false;
        }

        t = order.Add(r, s);
        if (t.IsZero)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[Sm3.HashSize];
        ComputeDigest(message, digest);
        expectedX = order.Subtract(r, order.ReduceOnce(U256.FromBigEndian(digest)));
        return true;
    }

    private AffineLaneTable BuildLaneTable()
    {
        // The lanes' 5-bit odd digits need exactly the width-6 table; should the scalar verifier's width change,
        // the lanes compute their own.
        const int laneWidth = OddWindowRecoding.WindowBits + 1;
        var oddMultiples = PointMultiplication.PublicKeyWnafWidth == laneWidth
            ? _oddMultiples
            : BasePointTables.SplitOddMultiplesOf(Point, laneWidth);
        var table = new AffineLaneTable(oddMultiples);
        return Interlocked.CompareExchange(ref _laneTable, table, null) ?? table;
    }
}
