using Org.BouncyCastle.Crypto.Parameters;

namespace Chainweave.Core.Crypto;

/// <summary>
/// An SM2 private key; signs SM3(Z || data) with the default user id, DER output. Signing runs on the
/// project's own constant-time SM2 (<see cref="Gm.Sm2PrivateKey"/>); BouncyCastle only encodes the key.
/// </summary>
internal sealed class SmSigner : ISigner
{
    private readonly ECPrivateKeyParameters _privateKey;
    private readonly Gm.Sm2PrivateKey _key;
    private bool _disposed;

    public SmSigner(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey)
    {
        _privateKey = privateKey;
        var scalar = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(CurveOrders.ScalarSize, privateKey.D);
        _key = Gm.Sm2PrivateKey.Create(scalar);
        Array.Clear(scalar);
        PublicKey = new SmVerifier(publicKey);
    }

    public IVerifier PublicKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        const int size = CurveOrders.ScalarSize;
        Span<byte> rs = stackalloc byte[2 * size];
        _key.Sign(data, rs);
        return DerSignature.Encode(rs[..size], rs[size..]);
    }

    public byte[] ExportPkcs8()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Sm2Keys.EncodePrivate(_privateKey);
    }

    public void Dispose()
    {
        // BouncyCastle's BigInteger is immutable and cannot be wiped; the fast key's scalar is.
        _disposed = true;
        _key.Dispose();
    }
}
