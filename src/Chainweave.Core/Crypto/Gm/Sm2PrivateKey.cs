using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto.Gm;

/// <summary>
/// An SM2 private key d in [1, n - 2] with (1 + d)^-1 and its public key precomputed. Signing is
/// constant time in d and k and thread-safe.
/// </summary>
public sealed class Sm2PrivateKey : IDisposable
{
    public const int Size = 32;

    private Scalar _d;
    private Scalar _inverseOfOnePlusD;

    private Sm2PrivateKey(Scalar d, Sm2PublicKey publicKey)
    {
        _d = d;
        _inverseOfOnePlusD = (Scalar.One + d).Invert();
        PublicKey = publicKey;
    }

    public Sm2PublicKey PublicKey { get; }

    /// <summary>A fresh key from the system's cryptographic random generator.</summary>
    public static Sm2PrivateKey Generate()
    {
        U256 d;
        do
        {
            d = RandomScalar();
        }
        while (!IsUsablePrivateKey(d));

        return FromInteger(d);
    }

    /// <summary>Reads d (32 bytes big-endian) and derives the public key; throws ChainError(IDENTITY_INVALID) unless 1 ≤ d ≤ n - 2.</summary>
    public static Sm2PrivateKey Create(ReadOnlySpan<byte> privateKey32)
    {
        if (!TryReadPrivateKey(privateKey32, out var d))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 private key is not 32 bytes holding a value in [1, n - 2].");
        }

        return FromInteger(d);
    }

    public void WritePrivateKey(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_d.IsZero, this);
        _d.Write(destination);
    }

    /// <summary>Signs SM3(Z || message) and writes raw r || s (64 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signatureRs64)
    {
        ObjectDisposedException.ThrowIf(_d.IsZero, this);
        Sm2.SignDigest(PublicKey.Z, _d, _inverseOfOnePlusD, message, signatureRs64);
    }

    /// <summary>
    /// Decrypts C1 || C3 || C2 (see <see cref="Sm2PublicKey.Encrypt"/>); false, with no plaintext, when C1 is
    /// not an uncompressed point of the curve, the ciphertext is truncated, or C3 does not match. Constant
    /// time in d.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> ciphertext, [NotNullWhen(true)] out byte[]? plaintext)
    {
        ObjectDisposedException.ThrowIf(_d.IsZero, this);
        return Sm2Encryption.TryDecrypt(_d.ToInteger(), ciphertext, out plaintext);
    }

    /// <summary>As <see cref="TryDecrypt"/>, throwing ChainError(ARGUMENT_INVALID) for a ciphertext it rejects.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext) =>
        TryDecrypt(ciphertext, out var plaintext)
            ? plaintext
            : throw new ChainError(ErrorCodes.ArgumentInvalid, "The SM2 ciphertext is malformed, truncated or was not encrypted for this key.");

    public void Dispose()
    {
        _d = default;
        _inverseOfOnePlusD = default;
    }

    internal static bool TryReadPrivateKey(ReadOnlySpan<byte> privateKey32, out U256 d)
    {
        d = privateKey32.Length == Size ? U256.FromBigEndian(privateKey32) : default;
        return IsUsablePrivateKey(d);
    }

    /// <summary>Uniform in [1, n - 1] by rejection.</summary>
    internal static U256 RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[32];
        U256 value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = U256.FromBigEndian(bytes);
        }
        while (value.IsZero || !value.IsLessThan(Scalar.Order.Modulus));

        CryptographicOperations.ZeroMemory(bytes);
        return value;
    }

    // SM2 signing divides by 1 + d, so d = n - 1 is as unusable as 0.
    private static bool IsUsablePrivateKey(in U256 d) =>
        !d.IsZero && d.IsLessThan(U256.Sub(Scalar.Order.Modulus, U256.One, out _));

    private static Sm2PrivateKey FromInteger(in U256 d)
    {
        var publicPoint = PointMultiplication.MultiplyBase(d).ToAffine();
        return new Sm2PrivateKey(Scalar.FromInteger(d), Sm2PublicKey.FromPoint(publicPoint));
    }
}
