using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// SM2 public-key encryption (GM/T 0003.4-2012) with SM3, ciphertext C1 || C3 || C2 (C1 uncompressed).
/// The ephemeral k and the private key d only ever meet constant-time arithmetic.
/// </summary>
public static class Sm2Encryption
{
    /// <summary>C1 = 04 || x1 || y1.</summary>
    public const int PointSize = 65;

    public const int CheckSize = Sm3.HashSize;

    /// <summary>Bytes a ciphertext has beyond its plaintext.</summary>
    public const int Overhead = PointSize + CheckSize;

    /// <summary>Encrypts for the public key x || y (64 bytes); throws ChainError for a bad key or an empty plaintext.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> publicKey64, ReadOnlySpan<byte> plaintext)
    {
        if (!AffinePoint.TryRead(publicKey64, out var point))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 public key is not 64 bytes x || y of a point on sm2p256v1.");
        }

        return Encrypt(point, plaintext);
    }

    /// <summary>Decrypts with d (32 bytes, 1 ≤ d ≤ n - 2); false when the key or the ciphertext is not valid.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> privateKey32, ReadOnlySpan<byte> ciphertext, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        return Sm2PrivateKey.TryReadPrivateKey(privateKey32, out var d) && TryDecrypt(d, ciphertext, out plaintext);
    }

    internal static byte[] Encrypt(in AffinePoint publicPoint, ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty)
        {
            // The KDF's all-zero check is vacuous for an empty message; BouncyCastle never finishes one either.
            throw new ChainError(ErrorCodes.ArgumentInvalid, "SM2 encryption needs a non-empty plaintext.");
        }

        var ciphertext = new byte[Overhead + plaintext.Length];
        var c2 = ciphertext.AsSpan(Overhead);
        Span<byte> shared = stackalloc byte[64];
        Span<AffinePoint> affine = stackalloc AffinePoint[2];
        while (true)
        {
            var k = Sm2PrivateKey.RandomScalar();

            // The cofactor is 1, so S = h·P is P itself; k·G and k·P are finite for 0 < k < n, and one
            // (constant-time) inversion makes both affine.
            ReadOnlySpan<JacobianPoint> points = [PointMultiplication.MultiplyBase(k), PointMultiplication.Multiply(publicPoint, k)];
            JacobianPoint.ToAffine(points, affine);
            var c1 = affine[0];
            affine[1].Write(shared);
            if (!DeriveMask(shared, c2))
            {
                continue;
            }

            for (int i = 0; i < plaintext.Length; i++)
            {
                c2[i] ^= plaintext[i];
            }

            ciphertext[0] = 0x04;
            c1.Write(ciphertext.AsSpan(1, 64));
            ComputeCheck(shared, plaintext, ciphertext.AsSpan(PointSize, CheckSize));
            CryptographicOperations.ZeroMemory(shared);
            return ciphertext;
        }
    }

    internal static bool TryDecrypt(in U256 d, ReadOnlySpan<byte> ciphertext, [NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = null;
        if (ciphertext.Length <= Overhead || ciphertext[0] != 0x04 || !AffinePoint.TryRead(ciphertext[1..PointSize], out var c1))
        {
            return false;
        }

        Span<byte> shared = stackalloc byte[64];
        PointMultiplication.Multiply(c1, d).ToAffine().Write(shared);
        var c2 = ciphertext[Overhead..];
        var message = new byte[c2.Length];
        bool masked = DeriveMask(shared, message);
        for (int i = 0; i < message.Length; i++)
        {
            message[i] ^= c2[i];
        }

        Span<byte> check = stackalloc byte[CheckSize];
        ComputeCheck(shared, message, check);
        CryptographicOperations.ZeroMemory(shared);
        if (!masked | !CryptographicOperations.FixedTimeEquals(check, ciphertext.Slice(PointSize, CheckSize)))
        {
            CryptographicOperations.ZeroMemory(message);
            return false;
        }

        plaintext = message;
        return true;
    }

    /// <summary>
    /// t = KDF(x2 || y2, klen): SM3(x2 || y2 || ct) for ct = 1, 2, … (32-bit big-endian), concatenated and cut
    /// to the destination's length. False when t is all zeros, which the standard rejects.
    /// </summary>
    private static bool DeriveMask(ReadOnlySpan<byte> shared, Span<byte> destination)
    {
        Span<byte> counter = stackalloc byte[4];
        Span<byte> block = stackalloc byte[Sm3.HashSize];
        int any = 0;
        for (int offset = 0, round = 1; offset < destination.Length; offset += Sm3.HashSize, round++)
        {
            BinaryPrimitives.WriteInt32BigEndian(counter, round);
            Sm3.HashPrefixed(shared, counter, block);
            int take = Math.Min(Sm3.HashSize, destination.Length - offset);
            block[..take].CopyTo(destination[offset..]);
            for (int i = 0; i < take; i++)
            {
                any |= block[i];
            }
        }

        CryptographicOperations.ZeroMemory(block);
        return any != 0;
    }

    /// <summary>C3 = SM3(x2 || M || y2).</summary>
    private static void ComputeCheck(ReadOnlySpan<byte> shared, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var sm3 = new Sm3();
        sm3.Append(shared[..32]);
        sm3.Append(message);
        sm3.Append(shared[32..]);
        sm3.GetHashAndReset(destination);
    }
}
