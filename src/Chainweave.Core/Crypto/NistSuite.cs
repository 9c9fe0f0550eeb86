using System.Security.Cryptography;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto;

/// <summary>ECDSA P-256 with SHA-256, SHA-256, AES-256-GCM; all through System.Security.Cryptography (OpenSSL).</summary>
public sealed class NistSuite : ICryptoSuite
{
    public const string SuiteName = "nist";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public string Name => SuiteName;

    public int HashSize => SHA256.HashSizeInBytes;

    public int AeadKeySize => 32;

    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => SHA256.HashData(data, destination);

    public byte[] Hash(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public ISigner GenerateKey() => new NistSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public ISigner ImportPrivateKey(ReadOnlySpan<byte> pkcs8Der)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8Der, out int read);
            RequireP256(key, read, pkcs8Der.Length, "private");
            return new NistSigner(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The private key is not a PKCS#8 DER ECDSA P-256 key ({e.Message}).", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public IVerifier ImportPublicKey(ReadOnlySpan<byte> spkiDer)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spkiDer, out int read);
            RequireP256(key, read, spkiDer.Length, "public");
            return new NistVerifier(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The public key is not a SubjectPublicKeyInfo DER ECDSA P-256 key ({e.Message}).", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public IAead CreateAead(ReadOnlySpan<byte> key) => new AesGcmAead(key);

    private static void RequireP256(ECDsa key, int read, int length, string kind)
    {
        if (read != length)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The {kind} key has {length - read} unexpected bytes after its DER encoding.");
        }

        // OpenSSL also imports other named curves (SM2 among them), so the curve must be checked.
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != P256Oid)
        {
            string found = curve.IsNamed ? curve.Oid.Value ?? curve.Oid.FriendlyName ?? "unknown" : "explicit parameters";
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The {kind} key is on curve {found}, but the nist suite needs P-256 ({P256Oid}).");
        }
    }
}
