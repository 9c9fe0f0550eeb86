using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// SM2 signatures (GM/T 0003.2-2012) with SM3 and the default user id, raw r || s. For many operations
/// with one key, <see cref="Sm2PrivateKey"/> and <see cref="Sm2PublicKey"/> keep Z and tables precomputed.
/// </summary>
public static class Sm2
{
    public const int SignatureSize = 64;

    /// <summary>
    /// Signs with d (32 bytes, 1 ≤ d ≤ n - 2) whose public key is x || y (64 bytes; the caller vouches
    /// that it belongs to d — it is hashed into Z, so a wrong one yields signatures that never verify).
    /// </summary>
    public static void Sign(ReadOnlySpan<byte> privateKey32, ReadOnlySpan<byte> publicKey64, ReadOnlySpan<byte> message, Span<byte> signatureRs64)
    {
        if (!Sm2PrivateKey.TryReadPrivateKey(privateKey32, out var dValue))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 private key is not 32 bytes holding a value in [1, n - 2].");
        }

        if (!AffinePoint.TryRead(publicKey64, out var publicPoint))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 public key is not 64 bytes x || y of a point on sm2p256v1.");
        }

        // Only Z is needed to sign; Sm2PublicKey would also build the verifier's tables.
        var z = Sm2PublicKey.ComputeZ(Sm2PublicKey.DefaultUserId, publicPoint);
        var d = Scalar.FromInteger(dValue);
        SignDigest(z, d, (Scalar.One + d).Invert(), message, signatureRs64);
    }

    /// <summary>Checks raw r || s over message for the public key x || y with the default user id; false on any bad input.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey64, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatureRs64) =>
        Sm2PublicKey.TryCreate(publicKey64, out var key) && key.Verify(message, signatureRs64);

    /// <summary>Signs e = SM3(z || message) with d; constant time in d and k.</summary>
    internal static void SignDigest(ReadOnlySpan<byte> z, Scalar d, Scalar inverseOfOnePlusD, ReadOnlySpan<byte> message, Span<byte> signatureRs64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signatureRs64.Length, SignatureSize, nameof(signatureRs64));
        Span<byte> digest = stackalloc byte[Sm3.HashSize];
        Sm3.HashPrefixed(z, message, digest);
        var e = Scalar.FromBelowTwiceOrder(U256.FromBigEndian(digest));
        while (true)
        {
            var kValue = Sm2PrivateKey.RandomScalar();
            var k = Scalar.FromInteger(kValue);
            var x1 = PointMultiplication.MultiplyBase(kValue).AffineX().ToInteger();
            var r = e + Scalar.FromBelowTwiceOrder(x1);
            if (r.IsZero || (r + k).IsZero)
            {
                continue;
            }

            var s = inverseOfOnePlusD * (k - (r * d));
            if (s.IsZero)
            {
                continue;
            }

            r.Write(signatureRs64[..32]);
            s.Write(signatureRs64[32..64]);
            return;
        }
    }
}
