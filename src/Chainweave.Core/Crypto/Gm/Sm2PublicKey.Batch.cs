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
        // The lanes' 32-bit parts weigh 2^(32i): chunk 2i of the scalar verifier's width-6 table in 16-digit
        // chunks, whose 16 odd multiples 1..31 are exactly what the lanes' odd 5-bit digits need (the batch tests
        // fail should either layout change without the other).
        const int perPart = 1 << (OddWindowRecoding.WindowBits - 1);
        const int chunksPerPart = 32 / BasePointTables.PartBits;
        var chunks = OddMultiples;
        var partMultiples = new AffinePoint[OddWindowRecoding.Parts * perPart];
        for (int part = 0; part < OddWindowRecoding.Parts; part++)
        {
            chunks.AsSpan(chunksPerPart * part * perPart, perPart).CopyTo(partMultiples.AsSpan(part * perPart, perPart));
        }

        var table = new AffineLaneTable(partMultiples);
        return Interlocked.CompareExchange(ref _laneTable, table, null) ?? table;
    }
}
