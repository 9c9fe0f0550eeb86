using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// An SM2 public key ready for many verifications: the decoded point, its Z value (user id and key hashed
/// once, GM/T 0003.2 §5.5) and, from the first verification on, the odd multiples of 2^(8c)·P (c = 0..31) for
/// the verification in lanes with AVX-512, or of 2^(16i)·P (i = 0..15) for the scalar verifier's wNAF; it also
/// encrypts (GM/T 0003.4). Thread-safe.
/// </summary>
public sealed partial class Sm2PublicKey
{
    public const int Size = 64;

    /// <summary>GM/T 0003's default user id "1234567812345678".</summary>
    public static ReadOnlySpan<byte> DefaultUserId => "1234567812345678"u8;

    /// <summary>The user id's length in bits must fit ENTL's two bytes.</summary>
    private const int MaxUserIdLength = ushort.MaxValue / 8;

    private readonly byte[] _encoded;
    private readonly byte[] _z;
    private AffinePoint[]? _oddMultiples;

    private Sm2PublicKey(AffinePoint point, byte[] encoded, ReadOnlySpan<byte> userId)
    {
        Point = point;
        _encoded = encoded;
        _z = ComputeZ(userId, point);
    }

    /// <summary>The uncompressed point x || y, 64 bytes big-endian.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA).</summary>
    public ReadOnlySpan<byte> Z => _z;

    internal AffinePoint Point { get; }

    /// <summary>
    /// The verifier's table, built on the first verification: it costs about as much as a few verifications,
    /// and many imported keys (CA certificates, keys only encrypted to) never verify anything. Two threads
    /// may both build it; either result is the same.
    /// </summary>
    private AffinePoint[] OddMultiples =>
        Volatile.Read(ref _oddMultiples)
        ?? Interlocked.CompareExchange(ref _oddMultiples, BasePointTables.SplitOddMultiplesOf(Point, PointMultiplication.PublicKeyWnafWidth), null)
        ?? _oddMultiples!;

    /// <summary>Decodes x || y; false when a coordinate is not below p, the point is not on the curve, or the user id is too long.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> publicKey64, ReadOnlySpan<byte> userId, [NotNullWhen(true)] out Sm2PublicKey? key)
    {
        key = null;
        if (userId.Length > MaxUserIdLength || !AffinePoint.TryRead(publicKey64, out var point))
        {
            return false;
        }

        key = new Sm2PublicKey(point, publicKey64.ToArray(), userId);
        return true;
    }

    public static bool TryCreate(ReadOnlySpan<byte> publicKey64, [NotNullWhen(true)] out Sm2PublicKey? key) => TryCreate(publicKey64, DefaultUserId, out key);

    /// <summary>Decodes x || y; throws ChainError(IDENTITY_INVALID) when it is not a point of the curve.</summary>
    public static Sm2PublicKey Create(ReadOnlySpan<byte> publicKey64) => Create(publicKey64, DefaultUserId);

    public static Sm2PublicKey Create(ReadOnlySpan<byte> publicKey64, ReadOnlySpan<byte> userId) =>
        TryCreate(publicKey64, userId, out var key)
            ? key
            : throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 public key is not 64 bytes x || y of a point on sm2p256v1 (or the user id is longer than 8191 bytes).");

    /// <summary>Writes the compressed form 02/03 || x (33 bytes).</summary>
    public void WriteCompressed(Span<byte> destination33) => Point.WriteCompressed(destination33);

    /// <summary>Compressed 02/03 || x (33 bytes) to x || y (64 bytes); false unless it is a point of the curve.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> compressed33, Span<byte> publicKey64)
    {
        if (publicKey64.Length < Size || !AffinePoint.TryReadCompressed(compressed33, out var point))
        {
            return false;
        }

        point.Write(publicKey64);
        return true;
    }

    /// <summary>
    /// Encrypts for this key (GM/T 0003.4): C1 || C3 || C2 with C1 = 04 || x1 || y1 (65 bytes), C3 the SM3
    /// check value (32 bytes) and C2 the plaintext masked by the SM3 KDF, as BouncyCastle's SM2Engine
    /// (Mode.C1C3C2) writes it. Throws ChainError(ARGUMENT_INVALID) for an empty plaintext.
    /// </summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => Sm2Encryption.Encrypt(Point, plaintext);

    internal static Sm2PublicKey FromPoint(in AffinePoint point)
    {
        var encoded = new byte[Size];
        point.Write(encoded);
        return new Sm2PublicKey(point, encoded, DefaultUserId);
    }

    /// <summary>e = SM3(Z || message), the value SM2 signs.</summary>
    public void ComputeDigest(ReadOnlySpan<byte> message, Span<byte> destination) => Sm3.HashPrefixed(_z, message, destination);

    /// <summary>
    /// Checks a raw r || s signature (64 bytes); never throws on bad input. With AVX-512 the point multiplication
    /// runs in the eight lanes (<see cref="VerifyInLanes"/>), otherwise in the scalar code (<see cref="VerifyScalar"/>);
    /// both give the same answer for every input.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64) =>
        Avx512F.IsSupported ? VerifyInLanes(message, signatureRs64) : VerifyScalar(message, signatureRs64);

    /// <summary><see cref="Verify"/> with the scalar 4 × 64-bit point multiplication, on every machine.</summary>
    internal bool VerifyScalar(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64)
    {
        if (!TryComputeVerificationScalars(message, signatureRs64, out var s, out var t, out var expectedX))
        {
            return false;
        }

        var sum = PointMultiplication.MultiplyBaseAndAdd(s, t, OddMultiples);
        return !sum.IsInfinity && AffineXMatches(sum, expectedX);
    }

    /// <summary>
    /// Everything of a verification but the point: false for a signature that is not 64 bytes, r or s zero or not
    /// below n, or t = r + s ≡ 0 (mod n); otherwise s, t and r - e mod n (e = SM3(Z || message)), which the affine
    /// x1 of s·G + t·P must equal mod n.
    /// </summary>
    private bool TryComputeVerificationScalars(
        ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64, out U256 s, out U256 t, out U256 expectedX)
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

    /// <summary>
    /// Whether the affine x1 of a finite Jacobian point satisfies x1 mod n == candidate (candidate = r - e mod n),
    /// without an inversion: x1 &lt; p &lt; 2n leaves x1 ∈ {candidate, candidate + n}, each compared as X == x1·Z^2.
    /// </summary>
    internal static bool AffineXMatches(in JacobianPoint point, in U256 candidate)
    {
        var zSquared = point.Z.Square();
        if (point.X == FieldElement.FromInteger(candidate) * zSquared)
        {
            return true;
        }

        var wrapped = U256.Add(candidate, Scalar.Order.Modulus, out ulong carry);
        return carry == 0 && wrapped.IsLessThan(FieldElement.Field.Modulus)
            && point.X == FieldElement.FromInteger(wrapped) * zSquared;
    }

    internal static byte[] ComputeZ(ReadOnlySpan<byte> userId, in AffinePoint point)
    {
        var sm3 = new Sm3();
        int bits = userId.Length * 8;
        sm3.Append([(byte)(bits >> 8), (byte)bits]);
        sm3.Append(userId);
        Span<byte> coordinate = stackalloc byte[32];
        foreach (var element in (ReadOnlySpan<FieldElement>)[Sm2Curve.A, Sm2Curve.B, Sm2Curve.G.X, Sm2Curve.G.Y, point.X, point.Y])
        {
            element.Write(coordinate);
            sm3.Append(coordinate);
        }

        var z = new byte[Sm3.HashSize];
        sm3.GetHashAndReset(z);
        return z;
    }
}
