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

    /// <summary>Z as memory, for the eight-lane SM3 of Z || message.</summary>
    internal ReadOnlyMemory<byte> ZMemory => _z;

    /// <summary>
    /// The checks of <see cref="Verify"/> on the signature alone: false for one that is not 64 bytes, r or s zero
    /// or not below n, or t = r + s ≡ 0 (mod n).
    /// </summary>
    internal static bool TryReadSignature(ReadOnlySpan<byte> signatureRs64, out U256 r, out U256 s, out U256 t)
    {
        r = s = t = default;
        if (signatureRs64.Length != 2 * 32)
        {
            return false;
        }

        var order = Scalar.Order;
        r = U256.FromBigEndian(signatureRs64[..32]);
        s = U256.FromBigEndian(signatureRs64[32..]);
        if (r.IsZero || s.IsZero || !r.IsLessThan(order.Modulus) || !s.IsLessThan(order.Modulus))
        {
            return false;
        }

        t = order.Add(r, s);
        return !t.IsZero;
    }

    /// <summary>r - e mod n for the digest e = SM3(Z || M): the value x1 mod n must equal, as in <see cref="Verify"/>.</summary>
    internal static U256 ExpectedX(in U256 r, ReadOnlySpan<byte> digest)
    {
        var order = Scalar.Order;
        return order.Subtract(r, order.ReduceOnce(U256.FromBigEndian(digest)));
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
