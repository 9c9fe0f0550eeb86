using System.Security.Cryptography;

namespace Chainweave.Core.Crypto;

/// <summary>A P-256 public key. Verification rents a pooled ECDsa so one key serves many threads at once.</summary>
internal sealed class NistVerifier : IVerifier
{
    private readonly byte[] _subjectPublicKeyInfo;
    private readonly InstancePool<ECDsa> _instances;

    /// <summary>Takes ownership of <paramref name="key"/>, a public-only key.</summary>
    public NistVerifier(ECDsa key)
    {
        _subjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        var publicParameters = key.ExportParameters(includePrivateParameters: false);
        _instances = new InstancePool<ECDsa>(() => ECDsa.Create(publicParameters), key);
    }

    public byte[] SubjectPublicKeyInfo => (byte[])_subjectPublicKeyInfo.Clone();

    public SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        const int size = CurveOrders.ScalarSize;
        Span<byte> rs = stackalloc byte[2 * size];
        if (!DerSignature.TryParse(signature, CurveOrders.P256, rs[..size], rs[size..]))
        {
            return SignatureCheck.Malformed;
        }

        if (CurveOrders.IsGreater(rs[size..], CurveOrders.P256Half))
        {
            return SignatureCheck.HighS;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, digest);
        var key = _instances.Rent();
        try
        {
            return key.VerifyHash(digest, rs, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
        finally
        {
            _instances.Return(key);
        }
    }
}
