using System.Security.Cryptography;

namespace Chainweave.Core.Crypto;

/// <summary>A P-256 private key. Signatures are DER and always low-S.</summary>
internal sealed class NistSigner : ISigner
{
    private readonly ECParameters _privateParameters;
    private readonly InstancePool<ECDsa> _instances;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="key"/>.</summary>
    public NistSigner(ECDsa key)
    {
        _privateParameters = key.ExportParameters(includePrivateParameters: true);
        var parameters = _privateParameters;
        _instances = new InstancePool<ECDsa>(() => ECDsa.Create(parameters), key);
        PublicKey = new NistVerifier(ECDsa.Create(key.ExportParameters(includePrivateParameters: false)));
    }

    public IVerifier PublicKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] der;
        var key = _instances.Rent();
        try
        {
            der = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        finally
        {
            _instances.Return(key);
        }

        return NormalizeLowS(der);
    }

    public byte[] ExportPkcs8()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = _instances.Rent();
        try
        {
            return key.ExportPkcs8PrivateKey();
        }
        finally
        {
            _instances.Return(key);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _instances.Dispose();
        CryptographicOperations.ZeroMemory(_privateParameters.D);
    }

    /// <summary>ECDSA signatures come in pairs (r, s) and (r, n - s); only the lower one is accepted on chain.</summary>
    private static byte[] NormalizeLowS(byte[] der)
    {
        const int size = CurveOrders.ScalarSize;
        Span<byte> r = stackalloc byte[size];
        Span<byte> s = stackalloc byte[size];
        if (!DerSignature.TryParse(der, CurveOrders.P256, r, s))
        {
            throw new CryptographicException("OpenSSL produced a signature that is not canonical DER.");
        }

        if (!CurveOrders.IsGreater(s, CurveOrders.P256Half))
        {
            return der;
        }

        CurveOrders.SubtractFrom(CurveOrders.P256, s, s);
        return DerSignature.Encode(r, s);
    }
}
